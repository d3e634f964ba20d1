"""Accounts: hashed passwords, roles, logins that expire and end, and `coach users` from a script."""

from __future__ import annotations

import time

import pytest

from coach.accounts import AccountError, Accounts, Role
from coach.db import VERSION
from coach.web.auth import LoginTokens
from tests.aio import run
from tests.conftest import run_coach


@pytest.fixture()
def accounts(open_db):
    return Accounts(open_db())


def test_passwords_are_stored_only_as_argon2_hashes(accounts):
    accounts.add("alice", "trainee", "alices-password")
    with accounts.db.connect() as con:
        stored = con.execute("SELECT password_hash FROM users").fetchone()[0]
    assert stored.startswith("$argon2id$") and "alices-password" not in stored
    assert accounts.verify("alice", "alices-password").name == "alice"
    assert accounts.verify("alice", "wrong-password") is None
    assert accounts.verify("nobody", "alices-password") is None


def test_names_passwords_and_the_last_admin_are_guarded(accounts):
    accounts.add("root", Role.ADMIN, "root-password")
    with pytest.raises(AccountError, match="at least 8"):
        accounts.add("bob", "trainee", "short")
    with pytest.raises(AccountError, match="1 to 64 characters"):
        accounts.add("<script>", "trainee", "long-enough-pw")
    with pytest.raises(AccountError, match="already exists"):
        accounts.add("ROOT", "trainee", "long-enough-pw")
    with pytest.raises(AccountError, match="last admin"):
        accounts.set_role("root", "trainer")
    with pytest.raises(AccountError, match="last admin"):
        accounts.remove("root")
    accounts.add("second", "admin", "second-password")
    accounts.remove("root")
    assert [u.name for u in accounts.list()] == ["second"]


def test_a_login_lasts_its_hours_and_ends_with_a_password_change_or_removal(accounts):
    accounts.add("alice", "trainee", "alices-password")
    tokens = LoginTokens(accounts, hours=0.0005)  # 1.8 seconds
    tokens["token-1"] = "alice"  # what Gradio does after a good password
    assert tokens.get("token-1") == "alice" and tokens.get("unknown") is None
    time.sleep(2)
    assert tokens.get("token-1") is None  # expired
    lasting = LoginTokens(accounts, hours=12)
    lasting["token-2"] = "alice"
    lasting["token-3"] = "alice"
    for key in list(lasting.keys()):  # what Gradio's logout does for every session of the user
        if lasting[key] == "alice":
            del lasting[key]
    assert lasting.get("token-2") is None and lasting.get("token-3") is None
    lasting["token-4"] = "alice"
    accounts.set_password("alice", "a-new-password")
    assert lasting.get("token-4") is None
    lasting["token-5"] = "alice"
    accounts.remove("alice")
    assert lasting.get("token-5") is None


@pytest.mark.parametrize("name, why", [
    ("\u0430dmin", "more than one script"),  # a Cyrillic а among Latin letters
    ("admin\u200b", "invisible"),  # a zero-width space
    ("\u202eadmin", "invisible"),  # a right-to-left override
    ("ad\u00admin", "invisible"),  # a soft hyphen
])
def test_look_alike_and_invisible_names_are_refused(accounts, name, why):
    accounts.add("admin", Role.ADMIN, "admin-password")
    with pytest.raises(AccountError, match=why):
        accounts.add(name, "trainee", "long-enough-pw")


def test_names_are_normalised_and_compared_as_people_read_them(accounts):
    accounts.add("admin", Role.ADMIN, "admin-password")
    with pytest.raises(AccountError, match="already exists"):
        accounts.add("\uff41\uff44\uff4d\uff49\uff4e", "trainee", "long-enough-pw")  # full-width letters
    accounts.add("\uff41\uff4c\uff49\uff43\uff45", "trainee", "alices-password")
    assert [u.name for u in accounts.list()] == ["admin", "alice"]  # stored as NFKC
    accounts.add("poe", "trainee", "poes-password")
    with pytest.raises(AccountError, match="already exists"):
        accounts.add("\u0440\u043e\u0435", "trainee", "long-enough-pw")  # "рое", all Cyrillic, looks the same
    for name in ("Jānis", "Łukasz", "Åsa", "Ñandú", "علي", "مريم٢"):  # every seed language's letters
        accounts.add(name, "trainee", "long-enough-pw")
    assert accounts.verify("ALICE", "alices-password").name == "alice"
    assert accounts.by_name("JĀNIS").name == "Jānis"


def test_a_database_from_before_name_keys_gets_them_and_keeps_every_account(open_db):
    """v8 had no name keys: two names v9 reads as one ("anna", and "аnna" with a Cyrillic а) both stay."""
    db = open_db()
    with db.connect(write=True) as con:  # wind the schema back to v8, with two names that now read as one
        con.execute("DROP INDEX users_by_name_key")
        con.execute("DROP INDEX turns_by_turn_key")
        con.execute("ALTER TABLE users DROP COLUMN name_key")
        con.execute("ALTER TABLE turns DROP COLUMN turn_key")
        con.execute("ALTER TABLE persona_versions DROP COLUMN base")
        con.execute("DROP TABLE login_sources")
        con.execute("DROP TABLE login_failures")
        for uid, name, at in (("u1", "anna", "2026-01-01"), ("u2", "\u0430nna", "2026-01-02")):
            con.execute("INSERT INTO users (id, name, role, password_hash, created_at, password_changed_at) "
                        "VALUES (?, ?, 'trainee', 'x', ?, ?)", (uid, name, at, at))
        db._set_version(con, 8)
    db.close()
    accounts = Accounts(open_db())
    with accounts.db.connect(write=True) as con:
        assert accounts.db._version(con) == VERSION
    assert sorted(u.id for u in accounts.list()) == ["u1", "u2"]
    assert accounts.by_name("anna").id == "u1"
    with pytest.raises(AccountError, match="already exists"):
        accounts.add("ANNA", "trainee", "long-enough-pw")


def test_an_admin_ends_every_login_of_an_account(open_db, database_at):
    accounts = Accounts(open_db())
    accounts.add("alice", "trainee", "alices-password")
    tokens = LoginTokens(accounts, hours=12)
    tokens["laptop"] = tokens["phone"] = "alice"
    done = run_coach("users", "logout", "alice", env_extra={"COACH_DB": database_at})
    assert done.returncode == 0 and "ended 2" in done.stdout, done.stderr
    assert tokens.get("laptop") is None and tokens.get("phone") is None
    assert accounts.verify("alice", "alices-password") is not None  # the password stays


def test_users_are_managed_from_a_script(open_db, database_at):
    env = {"COACH_DB": database_at}
    added = run_coach("users", "add", "root", "--role", "admin", "--password-stdin", stdin="root-password\n",
                      env_extra=env)
    assert added.returncode == 0, added.stderr
    run_coach("users", "add", "alice", "--role", "trainee", "--password-stdin", stdin="alices-password", env_extra=env)
    assert run_coach("users", "set-role", "alice", "trainer", env_extra=env).returncode == 0
    assert run_coach("users", "passwd", "alice", "--password-stdin", stdin="another-password",
                     env_extra=env).returncode == 0
    listed = run_coach("users", "list", env_extra=env).stdout
    assert "root" in listed and "alice" in listed and "trainer" in listed and "password" not in listed
    accounts = Accounts(open_db())
    assert accounts.verify("root", "root-password") is not None  # the newline ends the input, it is not kept
    assert accounts.verify("alice", "another-password") is not None
    no_stdin = run_coach("users", "add", "bob", "--role", "trainee", env_extra=env)
    assert no_stdin.returncode == 2 and "--password-stdin" in no_stdin.stderr
    assert run_coach("users", "remove", "alice", env_extra=env).returncode == 0
    assert "alice" not in run_coach("users", "list", env_extra=env).stdout


def test_an_account_name_is_the_trainees_spoken_name_only_when_it_is_a_name():
    from coach.accounts import LOCAL, Role, User

    def spoken(name: str) -> str | None:
        return User(id="u1", name=name, role=Role.TRAINEE).spoken_name

    assert [spoken(n) for n in ("alice", "Anna", "anna-maria", "أحمد", "Zbigniew")] == [
        "Alice", "Anna", "Anna-Maria", "أحمد", "Zbigniew"]
    assert [spoken(n) for n in ("trainer2", "a.kowalska", "x", "tom_s")] == [None] * 4
    assert LOCAL.spoken_name is None  # the page without accounts knows no name


def test_each_account_says_how_customers_address_them_neutral_until_chosen(accounts):
    from coach.languages import Address

    accounts.add("lina", Role.TRAINEE, "a-long-password")
    assert accounts.by_name("lina").address is Address.NEUTRAL
    assert accounts.set_address("lina", "feminine").address is Address.FEMININE
    assert accounts.by_name("lina").address is Address.FEMININE and accounts.list()[0].address is Address.FEMININE
    with pytest.raises(AccountError) as refused:
        accounts.set_address("lina", "female")
    assert refused.value.key == "error.unknown_address"
    with pytest.raises(AccountError):
        accounts.set_address("nobody", "masculine")


def test_accounts_from_before_forms_of_address_are_migrated_as_neutral_on_either_engine(open_db):
    """A v7 database (accounts without a form of address) opens with every account neutral."""
    from coach.db import VERSION
    from coach.languages import Address

    db = open_db()
    Accounts(db).add("lina", Role.TRAINEE, "a-long-password")
    with db.connect(write=True) as con:  # undo v8 as an older coach would have written the table
        con.execute("ALTER TABLE users DROP COLUMN address")
        db._set_version(con, 7)
    db.close()
    migrated = Accounts(open_db())
    with migrated.db.connect(write=True) as con:
        assert migrated.db._version(con) == VERSION == 9
    assert migrated.by_name("lina").address is Address.NEUTRAL
    assert migrated.set_address("lina", "masculine").address is Address.MASCULINE
    with pytest.raises(AccountError):
        migrated.set_address("lina", "female")


def test_a_form_of_address_is_set_from_a_script(tmp_path):
    env = {"COACH_DB": str(tmp_path / "team.sqlite3")}
    run_coach("users", "add", "lina", "--role", "trainee", "--password-stdin", stdin="a-long-password", env_extra=env)
    done = run_coach("users", "set-address", "lina", "feminine", env_extra=env)
    assert done.returncode == 0 and "feminine" in done.stdout, done.stderr
    assert "feminine" in next(line for line in run_coach("users", "list", env_extra=env).stdout.splitlines()
                              if line.startswith("lina"))
    wrong = run_coach("users", "set-address", "lina", "female", env_extra=env)
    assert wrong.returncode == 2 and "invalid choice" in wrong.stderr


def test_trainees_set_their_own_form_of_address_admins_anyones_and_new_conversations_use_it(team_service):
    from coach.errors import Refusal
    from coach.languages import Address

    service, users = team_service
    alice = users["alice"]
    root = service.accounts.add("root", Role.ADMIN, "a-long-password")
    assert run(service.set_address(alice, "alice", "feminine")).address is Address.FEMININE
    with pytest.raises(Refusal) as refused:
        run(service.set_address(alice, "bob", "feminine"))
    assert refused.value.key == "error.admins_only"
    with pytest.raises(Refusal):
        run(service.set_address(users["tess"], "bob", "masculine"))  # trainers manage no accounts
    run(service.set_address(root, "bob", "masculine"))
    assert service.accounts.by_name("bob").address is Address.MASCULINE
    started = run(service.start(service.accounts.by_name("alice"), "abusive-caller"))
    assert started.address is Address.FEMININE
    assert run(service.start(service.accounts.by_name("bob"), "abusive-caller")).address is Address.MASCULINE
