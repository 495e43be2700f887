"""The demo's organisations and staff accounts, created through the services and safe to run again."""

from dataclasses import dataclass

from herzen.accounts.models import User
from herzen.accounts.services import staff_user_create, staff_user_update
from herzen.core.actor import Actor, Role
from herzen.demo.logins import LoginKeeper
from herzen.organisations.actors import actor_for_user
from herzen.organisations.models import AuthorityKind, Membership, Organisation, OrganisationKind
from herzen.organisations.services import (
    membership_grant,
    organisation_create,
    organisation_set_intake_countries,
)

OPERATOR_USERNAME = "operator"


@dataclass(frozen=True)
class OrganisationSpec:
    slug: str  # prefix of its staff usernames
    name: str
    kind: str
    country: str
    city: str
    authority_kind: str = ""


@dataclass(frozen=True)
class StaffSpec:
    organisation: str  # OrganisationSpec.slug
    role: Role
    first_name: str
    last_name: str

    @property
    def username(self) -> str:
        suffix = "admin" if self.role == Role.ORGANISATION_ADMIN else self.role.value
        return f"{self.organisation}-{suffix}"


def _authority(slug: str, name: str, country: str, city: str, kind: str) -> OrganisationSpec:
    return OrganisationSpec(slug, name, OrganisationKind.AUTHORITY, country, city, authority_kind=kind)


# Every authority a shipped pathway refers applications to, in the countries the demo sends them to (the
# pathways that exist in many countries go to Germany in the demo).
AUTHORITIES = (
    _authority(
        "de-bmi", "Bundesministerium des Innern (demo)", "DE", "Berlin", AuthorityKind.INTERIOR_MINISTRY
    ),
    _authority(
        "de-embassy", "Deutsche Botschaft Tiflis (demo)", "DE", "Tbilisi", AuthorityKind.EMBASSY_CONSULATE
    ),
    _authority("de-abh", "Ausländerbehörde Berlin (demo)", "DE", "Berlin", AuthorityKind.IMMIGRATION_OFFICE),
    _authority("de-bamf", "BAMF (demo)", "DE", "Nürnberg", AuthorityKind.ASYLUM_AUTHORITY),
    _authority("de-ba", "Bundesagentur für Arbeit (demo)", "DE", "Nürnberg", AuthorityKind.LABOUR_AUTHORITY),
    _authority(
        "cz-mzv", "Ministerstvo zahraničních věcí (demo)", "CZ", "Praha", AuthorityKind.FOREIGN_MINISTRY
    ),
    _authority("cz-mv", "Ministerstvo vnitra (demo)", "CZ", "Praha", AuthorityKind.INTERIOR_MINISTRY),
    _authority(
        "cz-embassy", "Velvyslanectví ČR Tbilisi (demo)", "CZ", "Tbilisi", AuthorityKind.EMBASSY_CONSULATE
    ),
    _authority(
        "cz-oamp", "Ministerstvo vnitra, OAMP (demo)", "CZ", "Praha", AuthorityKind.IMMIGRATION_OFFICE
    ),
    _authority("lv-mfa", "Ārlietu ministrija (demo)", "LV", "Rīga", AuthorityKind.FOREIGN_MINISTRY),
    _authority("lv-pmlp", "PMLP (demo)", "LV", "Rīga", AuthorityKind.IMMIGRATION_OFFICE),
    # Lithuania's Migration Department decides national visas and residence permits.
    _authority(
        "lt-migris", "Migracijos departamentas (demo)", "LT", "Vilnius", AuthorityKind.IMMIGRATION_OFFICE
    ),
    _authority(
        "pl-udsc", "Urząd do Spraw Cudzoziemców (demo)", "PL", "Warszawa", AuthorityKind.IMMIGRATION_OFFICE
    ),
    _authority(
        "lv-embassy", "Latvijas vēstniecība Tbilisi (demo)", "LV", "Tbilisi", AuthorityKind.EMBASSY_CONSULATE
    ),
    _authority(
        "lt-mfa", "Užsienio reikalų ministerija (demo)", "LT", "Vilnius", AuthorityKind.FOREIGN_MINISTRY
    ),
    _authority(
        "lt-embassy", "Lietuvos ambasada Tbilisyje (demo)", "LT", "Tbilisi", AuthorityKind.EMBASSY_CONSULATE
    ),
    _authority(
        "pl-consulate", "Konsulat RP w Tbilisi (demo)", "PL", "Tbilisi", AuthorityKind.EMBASSY_CONSULATE
    ),
    _authority(
        "fr-consulate",
        "Ambassade de France à Tbilissi (demo)",
        "FR",
        "Tbilisi",
        AuthorityKind.EMBASSY_CONSULATE,
    ),
    _authority(
        "fr-interieur", "Ministère de l'Intérieur (demo)", "FR", "Paris", AuthorityKind.INTERIOR_MINISTRY
    ),
)

ORGANISATIONS = (
    OrganisationSpec("tbilisi", "Ковчег Тбилиси", OrganisationKind.NGO, "GE", "Тбилиси"),
    OrganisationSpec("astana", "Правовая помощь Астана", OrganisationKind.NGO, "KZ", "Астана"),
    _authority("aa", "Auswärtiges Amt (demo)", "DE", "Berlin", AuthorityKind.FOREIGN_MINISTRY),
    *AUTHORITIES,
)
STAFF = (
    StaffSpec("tbilisi", Role.CASEWORKER, "Ольга", "Миронова"),
    StaffSpec("tbilisi", Role.SUPERVISOR, "Давид", "Кипиани"),
    StaffSpec("tbilisi", Role.AUDITOR, "Ирина", "Лебедева"),
    StaffSpec("tbilisi", Role.ORGANISATION_ADMIN, "Николай", "Зуев"),
    StaffSpec("astana", Role.CASEWORKER, "Айгерим", "Сейткали"),
    StaffSpec("astana", Role.SUPERVISOR, "Тимур", "Ахметов"),
    StaffSpec("astana", Role.AUDITOR, "Светлана", "Ким"),
    StaffSpec("astana", Role.ORGANISATION_ADMIN, "Артём", "Волков"),
    # Two statistics officers: one computes a release, the other reviews and publishes it (issue 21).
    StaffSpec("tbilisi", Role.STATISTICS_OFFICER, "Марина", "Орлова"),
    StaffSpec("astana", Role.STATISTICS_OFFICER, "Данияр", "Омаров"),
    # Clears or confirms sanctions-list matches of aid payees (issue 18).
    StaffSpec("tbilisi", Role.COMPLIANCE_OFFICER, "Тамара", "Беридзе"),
    StaffSpec("aa", Role.CASEWORKER, "Katharina", "Weber"),
)
# One officer who works in each of the other demo authorities (switching organisation in the page header),
# so the demo has someone to make every authority's moves without a login per ministry.
AUTHORITY_OFFICER = StaffSpec("authority", Role.CASEWORKER, "Jana", "Novák")
AUTHORITY_OFFICER_USERNAME = "authority-officer"


@dataclass(frozen=True)
class Login:
    username: str
    role: str
    organisation: str
    password: str
    totp_secret: str  # base32, for an authenticator app: the second factor every login needs


@dataclass(frozen=True)
class DemoStaff:
    organisations: dict[str, Organisation]  # by slug
    logins: list[Login]
    operator: Actor

    def ngo_staff(self) -> dict[object, tuple[Actor, Actor]]:
        """NGO organisation id -> (its caseworker, its supervisor), who prepare and submit applications."""
        staff = {}
        for spec in ORGANISATIONS:
            if spec.kind != OrganisationKind.NGO:
                continue
            organisation = self.organisations[spec.slug]
            pair = []
            for role in (Role.CASEWORKER, Role.SUPERVISOR):
                user = User.objects.get(username=f"{spec.slug}-{role.value}")
                actor = actor_for_user(user, organisation_id=organisation.pk)
                assert actor is not None
                pair.append(actor)
            staff[organisation.pk] = (pair[0], pair[1])
        return staff

    def authority_actors(self) -> dict[tuple[str, str], Actor]:
        """(country, authority kind) -> an actor who works there: the Foreign Office's own caseworker, and the
        demo authority officer everywhere else."""
        actors = {}
        for spec in ORGANISATIONS:
            if spec.kind != OrganisationKind.AUTHORITY:
                continue
            username = f"{spec.slug}-{Role.CASEWORKER.value}"
            user = User.objects.filter(username=username).first() or User.objects.get(
                username=AUTHORITY_OFFICER_USERNAME
            )
            actor = actor_for_user(user, organisation_id=self.organisations[spec.slug].pk)
            assert actor is not None
            actors[(spec.country, spec.authority_kind)] = actor
        return actors

    def writers(self) -> list[tuple[Organisation, Actor]]:
        """The NGOs with the caseworker who records their households (authorities do not do intake)."""
        pairs = []
        for spec in ORGANISATIONS:
            if spec.kind != OrganisationKind.NGO:
                continue
            organisation = self.organisations[spec.slug]
            user = User.objects.get(username=f"{spec.slug}-{Role.CASEWORKER.value}")
            actor = actor_for_user(user, organisation_id=organisation.pk)
            assert actor is not None
            pairs.append((organisation, actor))
        return pairs


def _ensure_account(actor: Actor, username: str, *, first_name: str, last_name: str, is_staff: bool) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        return staff_user_create(
            actor=actor, username=username, first_name=first_name, last_name=last_name, is_staff=is_staff
        )
    return staff_user_update(
        actor=actor,
        user_id=user.pk,
        first_name=first_name,
        last_name=last_name,
        is_staff=is_staff,
        is_active=True,
    )


def ensure_demo_staff(keeper: LoginKeeper | None = None) -> DemoStaff:
    """Create what is missing (operator, organisations, users, memberships) and give every demo account a
    random password and authenticator-app (TOTP) secret, returned for printing: nothing in the demo has a
    known default password. `keeper` keeps them between runs (herzen.demo.logins); without one, every call
    makes new ones.

    The operator account is the root of trust and is made directly (as `createsuperuser` would); everything
    else goes through the audited services, acting as the operator.
    """
    keeper = keeper or LoginKeeper()
    operator, created = User.objects.get_or_create(username=OPERATOR_USERNAME)
    if created or not (operator.is_superuser and operator.is_staff and operator.is_active):
        operator.is_superuser = operator.is_staff = operator.is_active = True
        operator.first_name, operator.last_name = "Platform", "Operator"
        operator.save()
    operator_actor = Actor(user=operator, organisation=None)
    logins = [
        Login(
            operator.username,
            "platform operator (superuser)",
            "—",
            keeper.password(operator_actor, operator),
            keeper.totp_secret(operator_actor, operator),
        )
    ]

    organisations: dict[str, Organisation] = {}
    for spec in ORGANISATIONS:
        organisation = Organisation.objects.filter(name=spec.name).first()
        if organisation is None:
            organisation = organisation_create(
                actor=operator_actor,
                name=spec.name,
                kind=spec.kind,
                country=spec.country,
                city=spec.city,
                authority_kind=spec.authority_kind,
            )
        if spec.kind == OrganisationKind.NGO and not organisation.intake_countries:
            # The demo's NGOs take online applications (herzen.intake) from people in their own country.
            organisation = organisation_set_intake_countries(
                actor=operator_actor, organisation_id=organisation.pk, intake_countries=[spec.country]
            )
        organisations[spec.slug] = organisation

    for staff in STAFF:
        organisation = organisations[staff.organisation]
        # Organisation admins manage memberships in the Django admin, which needs is_staff.
        user = _ensure_account(
            operator_actor,
            staff.username,
            first_name=staff.first_name,
            last_name=staff.last_name,
            is_staff=staff.role == Role.ORGANISATION_ADMIN,
        )
        password = keeper.password(operator_actor, user)
        if not Membership.objects.filter(user=user, organisation=organisation, role=staff.role).exists():
            membership_grant(actor=operator_actor, organisation=organisation, user=user, role=staff.role)
        secret = keeper.totp_secret(operator_actor, user)
        logins.append(Login(user.username, str(staff.role.label), organisation.name, password, secret))
    logins.append(_ensure_authority_officer(operator_actor, organisations, keeper))
    keeper.save()
    return DemoStaff(organisations=organisations, logins=logins, operator=operator_actor)


def _ensure_authority_officer(
    operator_actor: Actor, organisations: dict[str, Organisation], keeper: LoginKeeper
) -> Login:
    spec = AUTHORITY_OFFICER
    user = _ensure_account(
        operator_actor,
        AUTHORITY_OFFICER_USERNAME,
        first_name=spec.first_name,
        last_name=spec.last_name,
        is_staff=False,
    )
    for authority in AUTHORITIES:
        organisation = organisations[authority.slug]
        if not Membership.objects.filter(user=user, organisation=organisation, role=spec.role).exists():
            membership_grant(actor=operator_actor, organisation=organisation, user=user, role=spec.role)
    where = f"{len(AUTHORITIES)} other demo authorities (switch in the page header)"
    password = keeper.password(operator_actor, user)
    return Login(
        user.username, str(spec.role.label), where, password, keeper.totp_secret(operator_actor, user)
    )
