-- Family search by field (issue 8: « martin » lists the MARTIN families before children named
-- Martin elsewhere): one column each for the family's name, its guardians, its children and the
-- rest (dossier number, e-mails, phones as typed and as digits), so that a search can rank by the
-- field that matched. The documents are rebuilt here from the tables, as
-- main/services/families/search-index.ts writes them.
DROP TABLE IF EXISTS `family_search`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `family_search` USING fts5(
  `family_name`,
  `guardians`,
  `children`,
  `other`,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);
--> statement-breakpoint
INSERT INTO `family_search` (rowid, family_name, guardians, children, other)
SELECT
  f.rowid,
  f.family_name,
  coalesce((SELECT group_concat(name, ' ') FROM (SELECT first_name || ' ' || last_name AS name FROM guardians WHERE family_id = f.id ORDER BY rank)), ''),
  coalesce((SELECT group_concat(name, ' ') FROM (SELECT first_name || ' ' || last_name AS name FROM children WHERE family_id = f.id ORDER BY birth_date)), ''),
  f.dossier_number
    || coalesce(' ' || (SELECT group_concat(email, ' ') FROM (SELECT email FROM guardians WHERE family_id = f.id AND email <> '' ORDER BY rank)), '')
    || coalesce(' ' || (
      SELECT group_concat(p.value || ' ' || CASE
          WHEN p.value LIKE '+33%' THEN '0' || substr(replace(replace(replace(p.value, ' ', ''), '.', ''), '-', ''), 4)
          ELSE replace(replace(replace(p.value, ' ', ''), '.', ''), '-', '')
        END, ' ')
      FROM (
        SELECT phone_mobile AS value FROM guardians WHERE family_id = f.id AND phone_mobile IS NOT NULL
        UNION ALL SELECT phone_home FROM guardians WHERE family_id = f.id AND phone_home IS NOT NULL
        UNION ALL SELECT phone_work FROM guardians WHERE family_id = f.id AND phone_work IS NOT NULL
      ) p
    ), '')
FROM families f;
