-- zcase.data holds what of a case no column holds (shared/registry/domain/case-rest.ts), at the paths of the whole
-- ZAP, instead of the whole ZAP again: 1.3 KB a case was 70 % of zcase, and its COPY and INSERT a third of the
-- import's database time. Cases imported before keep their whole ZAP, a superset at the same paths.
comment on column registry.zcase.data is
  'The fields of the case (ZAP) no column of zcase, sl or usl holds, at their paths in the whole ZAP (Z_SL.SL[i].USL[j]); whole ZAP for cases imported before migration 040';
