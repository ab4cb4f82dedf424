-- Family search (DESIGN.md § Data and storage): one document per family file, its rowid the
-- family's rowid, folded so that « elodie » finds « Élodie ». Kept up to date by the services in
-- the transaction of each write. Prefix indexes for 1 to 3 characters keep the first keystrokes
-- (« d », « du », « 06 ») as fast as longer words.
CREATE VIRTUAL TABLE `family_search` USING fts5(
  `content`,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);
