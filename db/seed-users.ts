import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { rowsOf } from "@/lib/bulk-insert";

/**
 * Names by origin: [as written, ASCII for the email address]. The ASCII form is derived by
 * `asciiFold` unless it is given (CJK names carry their romanisation).
 */
type NameEntry = string | readonly [written: string, ascii: string];
type NameGroup = { weight: number; first: readonly NameEntry[]; last: readonly NameEntry[] };

const NAME_GROUPS: readonly NameGroup[] = [
  {
    // English
    weight: 30,
    first: [
      "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William", "Elizabeth",
      "David", "Susan", "Anna", "Hannah", "Joanna", "Annabel", "Daniel", "Emily", "Oliver", "Grace",
      "Thomas", "Charlotte", "George", "Amelia", "Jack", "Olivia", "Harry", "Isla", "Noah", "Ava",
    ],
    last: [
      "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Taylor", "Anderson",
      "Thomas", "Moore", "Jackson", "O'Brien", "Hughes", "Bennett", "Campbell", "Murphy", "Kelly", "Walsh",
      "Evans", "Roberts", "Clarke", "Wright", "Hall", "Green", "Baker", "Lewis", "Harris", "Cooper",
    ],
  },
  {
    // Spanish and Portuguese
    weight: 12,
    first: [
      "José", "María", "Sofía", "Lucía", "Martín", "Andrés", "Íñigo", "Joaquín", "Ana", "Mariana",
      "João", "Conceição", "Raúl", "Inés", "Ramón", "Verónica", "Sebastián", "Adrián",
    ],
    last: [
      "García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez", "Sánchez", "Gómez", "Muñoz",
      "Peña", "Álvarez", "Magalhães", "Ibáñez", "Fernández", "Simões", "Gonçalves", "Núñez",
    ],
  },
  {
    // French
    weight: 8,
    first: [
      "Chloé", "Zoë", "Élodie", "Amélie", "Hélène", "François", "Jérôme", "Benoît", "Anaïs", "Joséphine",
      "Noël", "Léa", "Céline", "Théo", "Maëlle", "Gaël",
    ],
    last: [
      "Dubois", "Lefèvre", "Fontaine", "Girard", "Rousseau", "Bérenger", "Lemaître", "Mercier", "Féraud",
      "Garçon", "Delacroix", "Chevalier", "Lécuyer", "Prévost",
    ],
  },
  {
    // German and Nordic
    weight: 10,
    first: [
      "Jürgen", "Björn", "Søren", "Åsa", "Ingrid", "Annika", "Jörg", "Lena", "Mårten", "Sigríður",
      "Käthe", "Günther", "Liv", "Ørjan", "Astrid", "Johann",
    ],
    last: [
      "Müller", "Schröder", "Weiß", "Bäcker", "Østergaard", "Lindqvist", "Ångström", "Jóhannsdóttir", "Nørgaard",
      "Fischer", "Schäfer", "Hoffmann", "Solberg", "Sæther",
    ],
  },
  {
    // Central and Eastern European
    weight: 8,
    first: [
      "Łukasz", "Małgorzata", "Zbigniew", "Agnieszka", "Jiří", "Tomáš", "Zoltán", "Žofia", "Ştefan", "Dorota",
      "Mariánna", "Krzysztof", "Božena", "Ivan",
    ],
    last: [
      "Kowalski", "Wiśniewska", "Dvořák", "Novák", "Szabó", "Nowak", "Šimić", "Popescu", "Wójcik", "Horváth",
      "Kovačević", "Łukasiewicz", "Černý", "Zieliński",
    ],
  },
  {
    // Vietnamese
    weight: 5,
    first: ["Anh", "Thảo", "Minh", "Hương", "Dũng", "Phương", "Quân", "Ngọc", "Hải", "Trâm"],
    last: ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"],
  },
  {
    // Chinese
    weight: 12,
    first: [
      ["伟", "wei"], ["芳", "fang"], ["娜", "na"], ["秀英", "xiuying"], ["敏", "min"], ["静", "jing"],
      ["丽", "li"], ["强", "qiang"], ["磊", "lei"], ["军", "jun"], ["洋", "yang"], ["艳", "yan"],
      ["安娜", "anna"], ["子涵", "zihan"],
    ],
    last: [
      ["王", "wang"], ["李", "li"], ["张", "zhang"], ["刘", "liu"], ["陈", "chen"], ["杨", "yang"],
      ["黄", "huang"], ["赵", "zhao"], ["吴", "wu"], ["周", "zhou"], ["欧阳", "ouyang"],
    ],
  },
  {
    // Japanese
    weight: 8,
    first: [
      ["陽翔", "haruto"], ["さくら", "sakura"], ["結衣", "yui"], ["蓮", "ren"], ["美咲", "misaki"],
      ["大翔", "hiroto"], ["杏奈", "anna"], ["健太", "kenta"], ["由美", "yumi"], ["翔太", "shota"],
    ],
    last: [
      ["佐藤", "sato"], ["鈴木", "suzuki"], ["高橋", "takahashi"], ["田中", "tanaka"], ["渡辺", "watanabe"],
      ["伊藤", "ito"], ["山本", "yamamoto"], ["中村", "nakamura"],
    ],
  },
  {
    // Korean
    weight: 7,
    first: [
      ["민준", "minjun"], ["서연", "seoyeon"], ["지우", "jiwoo"], ["하은", "haeun"], ["도윤", "doyun"],
      ["수아", "sua"], ["예준", "yejun"], ["지안", "jian"],
    ],
    last: [["김", "kim"], ["이", "lee"], ["박", "park"], ["최", "choi"], ["정", "jung"], ["강", "kang"], ["윤", "yoon"]],
  },
];

// Letters that Unicode does not decompose into a base letter and a combining mark.
const UNDECOMPOSABLE: Record<string, string> = { ø: "o", æ: "ae", œ: "oe", ß: "ss", ł: "l", đ: "d", ð: "d", þ: "th" };

/** "Sigríður Østergaard" → "sigridur", "ostergaard": lower-case ASCII for an email address's local part. */
export function asciiFold(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[øæœßłđðþ]/g, (letter) => UNDECOMPOSABLE[letter]!)
    .replace(/\s+/g, "-")
    .replace(/[^a-z0-9-]/g, "");
}

const written = (entry: NameEntry) => (typeof entry === "string" ? entry : entry[0]);
const ascii = (entry: NameEntry) => {
  const folded = asciiFold(typeof entry === "string" ? entry : entry[1]);
  if (!folded) throw new Error(`The seed name ${written(entry)} has no ASCII form for its email address.`);
  return folded;
};

/** The name lists flattened into arrays, with each group's slice, as PostgreSQL array literals. */
function nameTables() {
  const firstNames: NameEntry[] = [];
  const lastNames: NameEntry[] = [];
  const firstStart: number[] = [];
  const firstCount: number[] = [];
  const lastStart: number[] = [];
  const lastCount: number[] = [];
  const groupByPercent: number[] = [];
  NAME_GROUPS.forEach((group, index) => {
    firstStart.push(firstNames.length + 1);
    firstCount.push(group.first.length);
    firstNames.push(...group.first);
    lastStart.push(lastNames.length + 1);
    lastCount.push(group.last.length);
    lastNames.push(...group.last);
    for (let share = 0; share < group.weight; share++) groupByPercent.push(index + 1);
  });
  if (groupByPercent.length !== 100) throw new Error("The seed name groups' weights must add up to 100.");
  return {
    firstNames: arrayLiteral(firstNames.map(written)),
    firstAscii: arrayLiteral(firstNames.map(ascii)),
    lastNames: arrayLiteral(lastNames.map(written)),
    lastAscii: arrayLiteral(lastNames.map(ascii)),
    firstStart: arrayLiteral(firstStart),
    firstCount: arrayLiteral(firstCount),
    lastStart: arrayLiteral(lastStart),
    lastCount: arrayLiteral(lastCount),
    groupByPercent: arrayLiteral(groupByPercent),
  };
}

/** `{"a","b"}`: one text parameter, cast to an array in SQL (works the same on postgres.js and PGlite). */
function arrayLiteral(values: readonly (string | number)[]): string {
  return `{${values.map((value) => (typeof value === "number" ? String(value) : `"${value.replace(/[\\"]/g, "\\$&")}"`)).join(",")}}`;
}

/** Rows per INSERT … SELECT: bounds the memory of one statement when seeding a million users. */
const CHUNK_SIZE = 25_000;
/** Invitations are spread over this many days before `now`. */
const HISTORY_DAYS = 120;

export type SeedUsersInput = {
  organizationId: string;
  count: number;
  now: Date;
  invitedByUserId?: string | null;
  /** Makes names, statuses, roles and dates repeatable (PostgreSQL `setseed`, -1..1); ids and token hashes stay random. */
  randomSeed?: number;
};

/**
 * Bulk-inserts `count` users for development and benchmarks, each with one invitation, generated in
 * SQL: about 45% Enrolled, 35% Pending, 15% Expired and 5% removed, 1% admins, invited one after
 * another over the last 120 days (so the table is in invitation order, as a real one would be) with
 * the organization's validity (30 days without settings). Emails are first.last.N@example.com, N
 * counting on from the organization's existing rows so that a second run adds new addresses. Dates
 * are whole milliseconds, as the app itself writes them.
 */
export async function seedUsers(db: Database, input: SeedUsersInput): Promise<{ members: number; invitations: number }> {
  if (!Number.isSafeInteger(input.count) || input.count < 0) throw new RangeError("count must be a whole number, 0 or more.");
  if (input.randomSeed !== undefined && !(input.randomSeed >= -1 && input.randomSeed <= 1)) {
    throw new RangeError("randomSeed must be between -1 and 1.");
  }
  if (input.count === 0) return { members: 0, invitations: 0 };
  const names = nameTables();
  const now = input.now.toISOString();

  return db.transaction(async (tx) => {
    if (input.randomSeed !== undefined) await tx.execute(sql`select setseed(${input.randomSeed})`);
    const counted = await tx.execute(
      sql`select count(*) as existing from members where organization_id = ${input.organizationId}::uuid`,
    );
    const numberFrom = Number(rowsOf<{ existing: string | number }>(counted)[0]?.existing ?? 0);

    let membersInserted = 0;
    let invitationsInserted = 0;
    for (let from = 1; from <= input.count; from += CHUNK_SIZE) {
      const to = Math.min(input.count, from + CHUNK_SIZE - 1);
      const result = await tx.execute(sql`
        with lists as (
          select ${names.firstNames}::text[] as first_names, ${names.firstAscii}::text[] as first_ascii,
                 ${names.lastNames}::text[] as last_names, ${names.lastAscii}::text[] as last_ascii,
                 ${names.firstStart}::int[] as first_start, ${names.firstCount}::int[] as first_count,
                 ${names.lastStart}::int[] as last_start, ${names.lastCount}::int[] as last_count,
                 ${names.groupByPercent}::int[] as group_by_percent,
                 ${now}::timestamptz as now, ${input.count}::int as total,
                 make_interval(days => v.days) as validity, make_interval(days => ${HISTORY_DAYS}) as history,
                 -- Only users invited longer ago than the validity can be Expired: their share is raised
                 -- so that 15% of all users are Expired (up to half of the old ones, for long validities).
                 least(0.5, 0.15 / (1 - v.days / ${HISTORY_DAYS}::numeric))::float8 as expired_share
          from (select coalesce(
                  (select validity_days from invitation_settings where organization_id = ${input.organizationId}::uuid),
                  30) as days) v
        ),
        drawn as materialized (
          select s.n, l.group_by_percent[1 + floor(random() * 100)::int] as name_group,
                 random() as status_draw, random() as role_draw, random() as t1, random() as t2
          from generate_series(${from}::int, ${to}::int) as s(n) cross join lists l
        ),
        people as materialized (
          select d.n, d.t2, d.status_draw,
                 l.first_start[d.name_group] + floor(random() * l.first_count[d.name_group])::int as first_index,
                 l.last_start[d.name_group] + floor(random() * l.last_count[d.name_group])::int as last_index,
                 case when d.role_draw < 0.01 then 'admin' else 'member' end as role,
                 -- Row n is the n-th invitation of the history: the table fills in invitation order, as it
                 -- does when people are invited over time.
                 date_trunc('milliseconds', l.now - l.history * (1 - (d.n - 1 + d.t1) / l.total)) as invited_at
          from drawn d cross join lists l
        ),
        invited as (
          select p.*,
                 -- Whatever their age, 45% enrolled and 5% were removed; of the rest, those invited within the
                 -- validity are Pending, and older ones Expired, or Pending again after a resend.
                 case when p.status_draw < 0.45 then 'enrolled'
                      when p.status_draw < 0.50 then 'removed'
                      when p.invited_at + l.validity > l.now then 'pending'
                      when p.status_draw < 0.50 + l.expired_share then 'expired'
                      else 'pending' end as fate
          from people p cross join lists l
        ),
        shaped as (
          select i.n, i.fate, i.role, i.invited_at,
                 l.first_names[i.first_index] as first_name, l.last_names[i.last_index] as last_name,
                 l.first_ascii[i.first_index] || '.' || l.last_ascii[i.last_index] || '.' || (${numberFrom}::int + i.n)
                   || '@example.com' as email,
                 -- A Pending user whose first invitation lapsed was sent a new one within the validity.
                 case when i.fate = 'pending' and i.invited_at + l.validity <= l.now
                   then date_trunc('milliseconds', l.now - i.t2 * 0.999 * l.validity) end as resent_at,
                 case when i.fate = 'enrolled'
                   then date_trunc('milliseconds', i.invited_at + i.t2 * least(l.validity, l.now - i.invited_at)) end as enrolled_at,
                 case when i.fate = 'removed'
                   then date_trunc('milliseconds', i.invited_at + i.t2 * (l.now - i.invited_at)) end as removed_at,
                 l.validity
          from invited i cross join lists l
        ),
        inserted_members as (
          insert into members (organization_id, first_name, last_name, email, role, invited_at, resent_at,
                               invited_by_user_id, invitation_expires_at, enrolled_at, removed_at)
          select ${input.organizationId}::uuid, first_name, last_name, email, role, invited_at, resent_at,
                 ${input.invitedByUserId ?? null}::text, coalesce(resent_at, invited_at) + validity, enrolled_at, removed_at
          from shaped
          order by n
          returning id, invited_at, resent_at, invitation_expires_at, enrolled_at, removed_at
        ),
        inserted_invitations as (
          insert into invitations (organization_id, member_id, token_hash, created_at, expires_at, used_at, revoked_at)
          select ${input.organizationId}::uuid, id, encode(sha256(uuid_send(gen_random_uuid())), 'hex'),
                 coalesce(resent_at, invited_at), invitation_expires_at, enrolled_at, removed_at
          from inserted_members
          returning 1
        )
        select (select count(*) from inserted_members) as members,
               (select count(*) from inserted_invitations) as invitations`);
      const [counts] = rowsOf<{ members: string | number; invitations: string | number }>(result);
      membersInserted += Number(counts?.members ?? 0);
      invitationsInserted += Number(counts?.invitations ?? 0);
    }
    return { members: membersInserted, invitations: invitationsInserted };
  });
}
