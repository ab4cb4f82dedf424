-- Family search (DESIGN.md § Data and storage): one document per family file, its rowid the
-- family's rowid, folded so that « elodie » finds « Élodie ». Kept up to date by the services in
-- the transaction of each write.
CREATE VIRTUAL TABLE `family_search` USING fts5(
  `content`,
  tokenize = 'unicode61 remove_diacritics 2'
);
