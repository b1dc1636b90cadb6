-- Sex-specific diagnoses and bed profiles (defect 5): an inbound referral, admission or movement whose diagnosis
-- (МКБ-10) or bed profile (V020) is meant for one sex only is rejected per record when the patient's sex in the
-- regional ЕРЗ is the other (FLK rules HOSP.SEX.DIAGNOSIS and HOSP.SEX.BED_PROFILE, F012 904). Both lists are
-- reference data with their source named; the НСИ operator maintains them like the other directories, and the
-- rules' severity is configurable like every FLK rule. The pure judgement lives in
-- shared/hospitalisation/domain/sex-specific.ts.

-- ICD-10 codes valid for one sex only. Source: WHO ICD-10 (5th edition, 2016) — the categories the classification
-- reserves to one sex (chapter XV «Pregnancy, childbirth and the puerperium», diseases and neoplasms of the male
-- and of the female genital organs, …) as used by the WHO «Standards and guidelines for MORBIDITY coding» sex
-- edits (code ↔ sex consistency check, ICD-10 Volume 2); codes and names as in the Минздрав России МКБ-10
-- справочник (OID 1.2.643.5.1.13.13.11.1005, loaded as nsi directory MKB10). A range covers the subcodes of its
-- bounds: O00–O99 holds O80.0 and O99.8; D07.0–D07.3 holds D07.3 but not the category D07 itself.
create table nsi.sex_restricted_diagnosis (
  code_from  text not null,
  code_to    text not null,
  sex        smallint not null check (sex in (1, 2)),
  title      text not null,
  source     text not null,
  primary key (code_from, code_to),
  check (code_from <= code_to)
);

insert into nsi.sex_restricted_diagnosis (code_from, code_to, sex, title, source)
select r.code_from, r.code_to, r.sex, r.title,
       'МКБ-10 ВОЗ (5-е изд., 2016): рубрики, применимые только к одному полу (контроль «код — пол» по '
       || 'Standards and guidelines for MORBIDITY coding / т. 2); коды — справочник Минздрава России МКБ-10, '
       || 'OID 1.2.643.5.1.13.13.11.1005'
from (values
  -- female (V005 2)
  ('A34', 'A34', 2, 'Акушерский столбняк'),
  ('B37.3', 'B37.3', 2, 'Кандидоз вульвы и вагины'),
  ('C51', 'C58', 2, 'Злокачественные новообразования женских половых органов и плаценты'),
  ('C79.6', 'C79.6', 2, 'Вторичное злокачественное новообразование яичника'),
  ('D06', 'D06', 2, 'Карцинома in situ шейки матки'),
  ('D07.0', 'D07.3', 2, 'Карцинома in situ эндометрия, вульвы, влагалища, других женских половых органов'),
  ('D25', 'D28', 2, 'Доброкачественные новообразования матки, яичника, других женских половых органов'),
  ('D39', 'D39', 2, 'Новообразования неопределённого характера женских половых органов'),
  ('E28', 'E28', 2, 'Дисфункция яичников'),
  ('E89.4', 'E89.4', 2, 'Нарушение функции яичников после медицинских процедур'),
  ('F53', 'F53', 2, 'Психические расстройства, связанные с послеродовым периодом'),
  ('I86.3', 'I86.3', 2, 'Варикозное расширение вен вульвы'),
  ('L29.2', 'L29.2', 2, 'Зуд вульвы'),
  ('N70', 'N98', 2, 'Воспалительные и невоспалительные болезни женских половых органов'),
  ('N99.2', 'N99.3', 2, 'Послеоперационные спайки влагалища, выпадение свода влагалища после экстирпации матки'),
  ('O00', 'O99', 2, 'Беременность, роды и послеродовой период'),
  ('Q50', 'Q52', 2, 'Врождённые аномалии женских половых органов'),
  ('R87', 'R87', 2, 'Отклонения в препаратах из женских половых органов'),
  ('S31.4', 'S31.4', 2, 'Открытая рана влагалища и вульвы'),
  ('S37.4', 'S37.6', 2, 'Травма яичника, маточной трубы, матки'),
  ('T83.3', 'T83.3', 2, 'Осложнение, связанное с внутриматочным противозачаточным устройством'),
  ('Z01.4', 'Z01.4', 2, 'Гинекологическое обследование'),
  ('Z12.4', 'Z12.4', 2, 'Скрининг новообразования шейки матки'),
  ('Z32', 'Z37', 2, 'Беременность: обследование, наблюдение, скрининг, исход родов'),
  ('Z39', 'Z39', 2, 'Послеродовая помощь и обследование'),
  ('Z87.5', 'Z87.5', 2, 'В анамнезе осложнения беременности, родов и послеродового периода'),
  ('Z97.5', 'Z97.5', 2, 'Наличие внутриматочного контрацептивного средства'),
  -- male (V005 1)
  ('B26.0', 'B26.0', 1, 'Паротитный орхит'),
  ('C60', 'C63', 1, 'Злокачественные новообразования мужских половых органов'),
  ('D07.4', 'D07.6', 1, 'Карцинома in situ полового члена, предстательной железы, других мужских половых органов'),
  ('D29', 'D29', 1, 'Доброкачественные новообразования мужских половых органов'),
  ('D40', 'D40', 1, 'Новообразования неопределённого характера мужских половых органов'),
  ('E29', 'E29', 1, 'Дисфункция яичек'),
  ('E89.5', 'E89.5', 1, 'Гипофункция яичек после медицинских процедур'),
  ('I86.1', 'I86.1', 1, 'Варикозное расширение вен мошонки'),
  ('L29.1', 'L29.1', 1, 'Зуд мошонки'),
  ('N40', 'N51', 1, 'Болезни мужских половых органов'),
  ('Q53', 'Q55', 1, 'Врождённые аномалии мужских половых органов'),
  ('R86', 'R86', 1, 'Отклонения в препаратах из мужских половых органов'),
  ('S31.2', 'S31.3', 1, 'Открытая рана полового члена, мошонки и яичек'),
  ('Z12.5', 'Z12.5', 1, 'Скрининг новообразования предстательной железы')
) as r (code_from, code_to, sex, title);

-- V020 bed profiles whose beds are for one sex only. Source: ФФОМС справочник V020 «Классификатор профилей
-- койки» (names: obstetrics «для беременных и рожениц», «патологии беременности», obstetric nursing care,
-- gynaecology incl. children's and ВРТ, oncogynaecology; номенклатура коечного фонда — приказ Минздрава России
-- от 17.05.2012 № 555н).
-- Uro-andrological (21), oncourological (45) and urological (77) beds serve both sexes.
create table nsi.sex_specific_bed_profile (
  bed_profile_v020  integer primary key,
  sex               smallint not null check (sex in (1, 2)),
  source            text not null
);

insert into nsi.sex_specific_bed_profile (bed_profile_v020, sex, source)
select code, 2, 'ФФОМС V020 «Классификатор профилей койки»: ' || name
from (values
  (1, 'для беременных и рожениц (акушерское дело)'),
  (2, 'патологии беременности (акушерское дело)'),
  (3, 'койки сестринского ухода (акушерское дело)'),
  (4, 'для беременных и рожениц (акушерство и гинекология)'),
  (5, 'патологии беременности (акушерство и гинекология)'),
  (6, 'гинекологические'),
  (7, 'гинекологические для детей'),
  (8, 'гинекологические для вспомогательных репродуктивных технологий'),
  (46, 'онкогинекологические')
) as b (code, name);

-- Readable by everybody, maintained by the НСИ operator (as the other reference directories, migration 002).
alter table nsi.sex_restricted_diagnosis enable row level security;
alter table nsi.sex_specific_bed_profile enable row level security;
create policy read_all on nsi.sex_restricted_diagnosis for select using (true);
create policy load_directory on nsi.sex_restricted_diagnosis for all
  using (app.may_edit_directories()) with check (app.may_edit_directories());
create policy read_all on nsi.sex_specific_bed_profile for select using (true);
create policy load_directory on nsi.sex_specific_bed_profile for all
  using (app.may_edit_directories()) with check (app.may_edit_directories());
grant select, insert, update, delete on nsi.sex_restricted_diagnosis, nsi.sex_specific_bed_profile to omslink_app;

-- The rules. {value}, {sex} and {allowed} are filled in per record (shared/hospitalisation/db/common-checks.ts).
insert into flk.rule (id, f012_code, field, severity, message) values
  ('HOSP.SEX.DIAGNOSIS', '904', 'DS', 'error',
   'Диагноз {value} не соответствует полу пациента ({sex}): код МКБ-10 допустим только для {allowed}. '
   || 'Исправьте диагноз или проверьте, тот ли пациент указан'),
  ('HOSP.SEX.BED_PROFILE', '904', 'KOD_PFK', 'error',
   'Профиль койки {value} не соответствует полу пациента ({sex}): койки этого профиля только для {allowed}. '
   || 'Укажите отделение с другим профилем койки или проверьте, тот ли пациент указан');
