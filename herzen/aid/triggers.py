"""PostgreSQL refuses, at commit, any ledger entry whose postings do not sum to zero in each currency, and any
update or delete of an entry or posting (entries are immutable: a correction is a reversing entry).

The balance check is a deferred constraint trigger: the postings of one entry are inserted one by one, so the
check runs when the transaction commits (or at SET CONSTRAINTS ... IMMEDIATE), once per inserted posting.
SQLite (tests, small installs) relies on the service's own check (herzen.domain.accounting). Installed by
migration aid 0002; the test database is built without migrations, so the PostgreSQL test installs them.
"""

BALANCED = """
CREATE OR REPLACE FUNCTION aid_entry_balanced() RETURNS trigger AS $$
DECLARE unbalanced record;
BEGIN
    SELECT currency, SUM(amount) AS total INTO unbalanced
      FROM aid_ledgerposting WHERE entry_id = NEW.entry_id
     GROUP BY currency HAVING SUM(amount) <> 0 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'ledger entry % does not balance in %: %', NEW.entry_id, unbalanced.currency,
            unbalanced.total USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER aid_posting_balanced
    AFTER INSERT ON aid_ledgerposting
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION aid_entry_balanced();

CREATE OR REPLACE FUNCTION aid_ledger_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'ledger % rows are immutable: post a reversing entry', TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END $$ LANGUAGE plpgsql;

CREATE TRIGGER aid_posting_immutable BEFORE UPDATE OR DELETE ON aid_ledgerposting
    FOR EACH ROW EXECUTE FUNCTION aid_ledger_immutable();
CREATE TRIGGER aid_entry_immutable BEFORE UPDATE OR DELETE ON aid_ledgerentry
    FOR EACH ROW EXECUTE FUNCTION aid_ledger_immutable();
"""

DROP = """
DROP TRIGGER IF EXISTS aid_entry_immutable ON aid_ledgerentry;
DROP TRIGGER IF EXISTS aid_posting_immutable ON aid_ledgerposting;
DROP FUNCTION IF EXISTS aid_ledger_immutable();
DROP TRIGGER IF EXISTS aid_posting_balanced ON aid_ledgerposting;
DROP FUNCTION IF EXISTS aid_entry_balanced();
"""
