"""Citations as people type them → one normal form; containment; ranges; links."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finder.law import find_citations, link_for, load_law, parse_citation

# (as typed, the state it was typed in, the normal form). Most come from the shipped
# catalog and audit templates; the rest are forms district staff type.
FORMS = [
    ("TEC 25.0811", "TX", "Tex. Educ. Code § 25.0811"),
    ("TEC §22.083 Criminal History Record Check", "TX", "Tex. Educ. Code § 22.083"),
    ("C.R.S. 22-2-117", "CO", "C.R.S. 22-2-117"),
    ("ORC 3313.603(J)", "OH", "R.C. 3313.603(J)"),
    ("R.C. 3313.603", "OH", "R.C. 3313.603"),
    ("KRS 156.108", "KY", "KRS 156.108"),
    ("N.D.C.C. § 15.1-06-08.2", "ND", "N.D.C.C. § 15.1-06-08.2"),
    ("O.C.G.A. § 20-2-244", "GA", "O.C.G.A. § 20-2-244"),
    ("19 TAC 102.1309", "TX", "19 TAC § 102.1309"),
    ("1 CCR 301-35", "CO", "1 CCR 301-35"),
    ("105 ILCS 5/2-3.25g", "IL", "105 ILCS 5/2-3.25g"),
    ("ESEA § 8401", "", "ESEA § 8401 (20 U.S.C. § 7861)"),
    ("20 U.S.C. § 6311", "", "20 U.S.C. § 6311"),
    ("Okla. Stat. tit. 70, § 1-109", "OK", "70 O.S. § 1-109"),
    ("70 O.S. § 1-109", "OK", "70 O.S. § 1-109"),
    ("Tex. Educ. Code §§ 25.081–25.084", "TX", "Tex. Educ. Code §§ 25.081–25.084"),
    ("Tex. Educ. Code ch. 29, subch. B", "TX", "Tex. Educ. Code ch. 29, subch. B"),
    ("Title IX", "", "Title IX of the Education Amendments of 1972"),
    ("Section 504", "", "Section 504 of the Rehabilitation Act of 1973"),
    ("IDEA", "", "IDEA"),
    ("FERPA", "", "FERPA"),
    ("Fla. Admin. Code Ann. R. 6A-6.0652", "FL", "Fla. Admin. Code R. 6A-6.0652"),
    ("M.G.L. c. 74", "MA", "M.G.L. c. 74"),
    ("05-071 C.M.R. ch. 125, § 8", "ME", "05-071 C.M.R. ch. 125, § 8"),
    ("34 CFR Part 200", "", "34 C.F.R. pt. 200"),
    ("ARSD ch. 24:43:08", "SD", "ARSD ch. 24:43:08"),
    ("N.H. Admin. Code § Ed 306.29", "NH", "N.H. Admin. Code Ed 306.29"),
    ("019-6 Wyo. Code R. § 6-2", "WY", "019-6 Wyo. Code R. § 6-2"),
    ("603 CMR 48.03", "MA", "603 CMR § 48.03"),
    ("Education Code § 33050", "CA", "Cal. Educ. Code § 33050"),
    ("Education Code § 25.0811", "TX", "Tex. Educ. Code § 25.0811"),
    ("Cal. Educ. Code §§ 33050-33053", "CA", "Cal. Educ. Code § 33050-33053"),
    ("Minn. Stat. § 120A.41", "MN", "Minn. Stat. § 120A.41"),
    ("RCW 28A.305.140", "WA", "RCW 28A.305.140"),
    ("WAC 180-16-215", "WA", "WAC 180-16-215"),
    ("Va. Code § 22.1-253.13:1", "VA", "Va. Code § 22.1-253.13:1"),
    ("N.J.S.A. 18A:7F-5", "NJ", "N.J.S.A. 18A:7F-5"),
    ("NH RSA 193:1", "NH", "RSA 193:1"),
    ("Mass. Gen. Laws ch. 71, § 92", "MA", "M.G.L. c. 71, § 92"),
    ("Ind. Code § 20-31-4.1", "IN", "Ind. Code § 20-31-4.1"),
    ("2025 HEA 1002", "IN", "IN HEA 1002"),
    ("Pub. L. 114-95", "", "Pub. L. 114-95"),
    ("Fla. Stat. § 1003.02", "FL", "Fla. Stat. § 1003.02"),
    ("S.C. Code Ann. § 59-1-425", "SC", "S.C. Code Ann. § 59-1-425"),
    ("Tenn. Code Ann. § 49-1-201", "TN", "Tenn. Code Ann. § 49-1-201"),
    ("Ala. Code § 16-6D-2", "AL", "Ala. Code § 16-6D-2"),
    ("Alaska Stat. § 14.03.030", "AK", "Alaska Stat. § 14.03.030"),
    ("Ark. Code Ann. § 6-15-2801", "AR", "Ark. Code Ann. § 6-15-2801"),
    ("Conn. Gen. Stat. § 10-15", "CT", "Conn. Gen. Stat. § 10-15"),
    ("D.C. Code § 38-1802.01", "DC", "D.C. Code § 38-1802.01"),
    ("14 Del. C. § 1049", "DE", "14 Del. C. § 1049"),
    ("HRS § 302A-1101", "HI", "HRS § 302A-1101"),
    ("Iowa Code § 279.10", "IA", "Iowa Code § 279.10"),
    ("Idaho Code § 33-512", "ID", "Idaho Code § 33-512"),
    ("K.S.A. 72-4223", "KS", "K.S.A. 72-4223"),
    ("La. R.S. 17:154.1", "LA", "La. R.S. 17:154.1"),
    ("COMAR 13A.03.02.05", "MD", "COMAR 13A.03.02.05"),
    ("MCL 380.1284", "MI", "MCL 380.1284"),
    ("RSMo 171.029", "MO", "RSMo 171.029"),
    ("Miss. Code Ann. § 37-13-63", "MS", "Miss. Code Ann. § 37-13-63"),
    ("MCA 20-1-301", "MT", "MCA 20-1-301"),
    ("N.C. Gen. Stat. § 115C-84.2", "NC", "N.C. Gen. Stat. § 115C-84.2"),
    ("Neb. Rev. Stat. § 79-211", "NE", "Neb. Rev. Stat. § 79-211"),
    ("NMSA 1978, § 22-2-8.1", "NM", "NMSA 1978 § 22-2-8.1"),
    ("NRS 388.090", "NV", "NRS 388.090"),
    ("N.Y. Educ. Law § 3204", "NY", "N.Y. Educ. Law § 3204"),
    ("ORS 329.025", "OR", "ORS 329.025"),
    ("24 P.S. § 15-1501", "PA", "24 P.S. § 15-1501"),
    ("R.I. Gen. Laws § 16-60-4", "RI", "R.I. Gen. Laws § 16-60-4"),
    ("SDCL 13-26-1", "SD", "SDCL 13-26-1"),
    ("Utah Code § 53G-7-202", "UT", "Utah Code § 53G-7-202"),
    ("16 V.S.A. § 165", "VT", "16 V.S.A. § 165"),
    ("Wis. Stat. § 118.38", "WI", "Wis. Stat. § 118.38"),
    ("W. Va. Code § 18-5B-1", "WV", "W. Va. Code § 18-5B-1"),
    ("W.S. 21-4-301", "WY", "W.S. § 21-4-301"),
    ("A.R.S. § 15-341.01", "AZ", "A.R.S. § 15-341.01"),
    ("GA SBOE Rule 160-4-2-.48", "GA", "Ga. Comp. R. & Regs. § 160-4-2-.48"),
    ("4 AAC 03.091", "AK", "4 AAC § 03.091"),
    ("AS 14.07.060", "AK", "Alaska Stat. § 14.07.060"),
    ("AS 14.03.030", "AK", "Alaska Stat. § 14.03.030"),
    ("Code of Ala. 1975 § 16-6D-2", "AL", "Ala. Code § 16-6D-2"),
    ("Code of Ala. 1975 § 16-6D-5", "AL", "Ala. Code § 16-6D-5"),
    ("Code of Ala. 1975 § 16-6D-6", "AL", "Ala. Code § 16-6D-6"),
    ("Act 2013-64", "AL", "AL Laws 2013, act 64"),
    ("Ark. Code Ann. § 6-15-103", "AR", "Ark. Code Ann. § 6-15-103"),
    ("Act 1240 of 2015", "AR", "AR Laws 2015, act 1240"),
    ("Act 815 of 2019", "AR", "AR Laws 2019, act 815"),
    ("Ark. Admin. Code 005.28.32-5.00", "AR", "Ark. Admin. Code § 005.28.32-5.00"),
    ("A.R.S. § 15-901.08", "AZ", "A.R.S. § 15-901.08"),
    ("Laws 2021, ch. 299 (HB 2862)", "AZ", "AZ Laws 2021, ch. 299"),
    ("A.R.S. § 15-795", "AZ", "A.R.S. § 15-795"),
    ("A.R.S. § 15-203(A)(39)", "AZ", "A.R.S. § 15-203(A)(39)"),
    ("Cal. Educ. Code § 33050", "CA", "Cal. Educ. Code § 33050"),
    ("Cal. Educ. Code § 33051", "CA", "Cal. Educ. Code § 33051"),
    ("Cal. Educ. Code § 33052", "CA", "Cal. Educ. Code § 33052"),
    ("AB 121 (Ch. 8, Stats. 2025), Sec. 84", "CA", "CA AB 121"),
    ("C.R.S. 22-32.5-101 et seq.", "CO", "C.R.S. 22-32.5-101"),
    ("C.R.S. 22-32.5-104", "CO", "C.R.S. 22-32.5-104"),
    ("C.R.S. 22-32.5-105", "CO", "C.R.S. 22-32.5-105"),
    ("Conn. Gen. Stat. § 10-4v", "CT", "Conn. Gen. Stat. § 10-4v"),
    ("Conn. Gen. Stat. § 10-16", "CT", "Conn. Gen. Stat. § 10-16"),
    ("P.A. 17-42", "CT", "CT Laws 2017, act 42"),
    ("5-A DCMR § 2203.7", "DC", "5-A DCMR § 2203.7"),
    ("5-A DCMR § 2203.3", "DC", "5-A DCMR § 2203.3"),
    ("5-A DCMR § 2299.1", "DC", "5-A DCMR § 2299.1"),
    ("14 Del. C. § 1049(a)(1)", "DE", "14 Del. C. § 1049(a)(1)"),
    ("14 Del. C. § 122(b)(10)", "DE", "14 Del. C. § 122(b)(10)"),
    ("14 Del. C. § 1305(h)", "DE", "14 Del. C. § 1305(h)"),
    ("14 DE Admin. Code 1559", "DE", "14 DE Admin. Code § 1559"),
    ("F.S. 1001.10(3)", "FL", "Fla. Stat. § 1001.10(3)"),
    ("F.S. 1003.631", "FL", "Fla. Stat. § 1003.631"),
    ("F.S. 1012.28(8)", "FL", "Fla. Stat. § 1012.28(8)"),
    ("O.C.G.A. § 20-2-80", "GA", "O.C.G.A. § 20-2-80"),
    ("O.C.G.A. § 20-2-82", "GA", "O.C.G.A. § 20-2-82"),
    ("O.C.G.A. § 20-2-83", "GA", "O.C.G.A. § 20-2-83"),
    ("Ga. Comp. R. & Regs. 160-1-3-.02", "GA", "Ga. Comp. R. & Regs. § 160-1-3-.02"),
    ("HRS § 302A-1126", "HI", "HRS § 302A-1126"),
    ("HRS § 302A-1124", "HI", "HRS § 302A-1124"),
    ("Hawaii Board of Education Policy 2412", "HI", "Hawaii BOE Policy 2412"),
    ("Haw. Code R. § 8-54-9.6", "HI", "HAR § 8-54-9.6"),
    ("Iowa Code § 299.1", "IA", "Iowa Code § 299.1"),
    ("Iowa Code § 256.24", "IA", "Iowa Code § 256.24"),
    ("281 IAC 12.5(14)", "IA", "281 IAC § 12.5(14)"),
    ("92 NAC 10-003.04", "NE", "92 Neb. Admin. Code ch. 10, § 003.04"),
    ("Idaho Code § 33-1632", "ID", "Idaho Code § 33-1632"),
    ("Idaho Code § 33-6404", "ID", "Idaho Code § 33-6404"),
    ("IDAPA 08.02.01.001", "ID", "IDAPA 08.02.01.001"),
    ("23 Ill. Adm. Code 1.100", "IL", "23 Ill. Adm. Code § 1.100"),
    ("105 ILCS 5/22-60", "IL", "105 ILCS 5/22-60"),
    ("IC 20-31-4.1-4", "IN", "Ind. Code § 20-31-4.1-4"),
    ("IC 20-31-4.1", "IN", "Ind. Code § 20-31-4.1"),
    ("IC 20-25.7", "IN", "Ind. Code § 20-25.7"),
    ("511 IAC 6.2-3-2", "IN", "511 IAC § 6.2-3-2"),
    ("K.S.A. 72-4225", "KS", "K.S.A. 72-4225"),
    ("K.S.A. 72-4226", "KS", "K.S.A. 72-4226"),
    ("K.A.R. 91-1-220", "KS", "K.A.R. 91-1-220"),
    ("KRS 160.107", "KY", "KRS 160.107"),
    ("701 KAR 5:140", "KY", "701 KAR 5:140"),
    ("La. R.S. 17:4041 et seq.", "LA", "La. R.S. 17:4041"),
    ("La. R.S. 17:4043", "LA", "La. R.S. 17:4043"),
    ("La. R.S. 17:4045", "LA", "La. R.S. 17:4045"),
    ("LAC 28:CXV.344 (Bulletin 741 § 344)", "LA", "LAC 28:CXV.344"),
    ("M.G.L. c. 71, § 92", "MA", "M.G.L. c. 71, § 92"),
    ("603 CMR 48.00", "MA", "603 CMR § 48.00"),
    ("Md. Code, Educ. § 7-103", "MD", "Md. Code, Educ. § 7-103"),
    ("COMAR 13A.02.01.04", "MD", "COMAR 13A.02.01.04"),
    ("Md. Code, Educ. § 7-103(e)", "MD", "Md. Code, Educ. § 7-103(e)"),
    ("05-071 C.M.R. ch. 125, § 8 (Waivers)", "ME", "05-071 C.M.R. ch. 125, § 8"),
    # Maine's § 6.01 is kept whole (it lies in § 6), as is Nebraska's § 003.04
    ("05-071 C.M.R. ch. 125, § 6.01(C)", "ME", "05-071 C.M.R. ch. 125, § 6.01(C)"),
    ("05-071 C.M.R. ch. 125, § 6.02", "ME", "05-071 C.M.R. ch. 125, § 6.02"),
    ("92 NAC 10, § 003.04", "NE", "92 Neb. Admin. Code ch. 10, § 003.04"),
    ("Education Law § 3012-d", "NY", "N.Y. Educ. Law § 3012-d"),
    ("N.Y. Educ. Law § 3012-c(2)", "NY", "N.Y. Educ. Law § 3012-c(2)"),
    ("20-A MRSA § 6212", "ME", "20-A M.R.S. § 6212"),
    ("MCL 388.1701", "MI", "MCL 388.1701"),
    ("State School Aid Act Section 101(9)", "MI", "State School Aid Act § 101(9)"),
    ("MCL 380.1278a(4)(c)", "MI", "MCL 380.1278a(4)(c)"),
    ("Minn. Stat. § 124F.01", "MN", "Minn. Stat. § 124F.01"),
    (
        "Laws of Minnesota 2017, First Special Session (H.F. 2), innovation zone provisions",
        "MN",
        "MN HF 2",
    ),
    ("Minn. Stat. §§ 124D.12 to 124D.127", "MN", "Minn. Stat. §§ 124D.12–124D.127"),
    ("Minn. R. 3500.1000", "MN", "Minn. R. § 3500.1000"),
    ("RSMo 161.214", "MO", "RSMo 161.214"),
    ("RSMo 171.028", "MO", "RSMo 171.028"),
    ("5 CSR 20-400.660", "MO", "5 CSR § 20-400.660"),
    ("Miss. Code Ann. § 37-179-1", "MS", "Miss. Code Ann. § 37-179-1"),
    ("Miss. Code Ann. § 37-179-3", "MS", "Miss. Code Ann. § 37-179-3"),
    ("Miss. Code Ann. § 37-17-11", "MS", "Miss. Code Ann. § 37-17-11"),
    ("7 Miss. Admin. Code Pt. 142", "MS", "7 Miss. Admin. Code pt. 142"),
    ("20-7-1601, MCA", "MT", "MCA 20-7-1601"),
    ("20-7-1602, MCA", "MT", "MCA 20-7-1602"),
    ("ARM 10.55.602", "MT", "ARM 10.55.602"),
    ("G.S. 115C-105.26", "NC", "N.C. Gen. Stat. § 115C-105.26"),
    ("G.S. 115C-301(g)", "NC", "N.C. Gen. Stat. § 115C-301(g)"),
    ("G.S. 115C-84.2(d)", "NC", "N.C. Gen. Stat. § 115C-84.2(d)"),
    ("16 NCAC 06G .0318", "NC", "16 NCAC 06G.0318"),
    ("N.D.C.C. § 15.1-06-08.1", "ND", "N.D.C.C. § 15.1-06-08.1"),
    ("N.D. Admin. Code 67-19-02", "ND", "N.D. Admin. Code 67-19-02"),
    ("N.D.C.C. § 15.1-06-08", "ND", "N.D.C.C. § 15.1-06-08"),
    ("S.B. 2196 (2021)", "ND", "ND SB 2196 (2021)"),
    ("92 Neb. Admin. Code, ch. 10, § 013", "NE", "92 Neb. Admin. Code ch. 10, § 013"),
    ("92 Neb. Admin. Code, ch. 10, § 003", "NE", "92 Neb. Admin. Code ch. 10, § 003"),
    ("RSA 189:1", "NH", "RSA 189:1"),
    ("RSA 189:24", "NH", "RSA 189:24"),
    ("N.H. Admin. R., Ed 1400", "NH", "N.H. Admin. Code Ed 1400"),
    ("N.J.A.C. 6A:5", "NJ", "N.J.A.C. 6A:5"),
    ("N.J.A.C. 6A:5-1.4", "NJ", "N.J.A.C. 6A:5-1.4"),
    ("N.J.A.C. 6A:8-5.1(a)1ii", "NJ", "N.J.A.C. 6A:8-5.1(a)"),
    ("P.L. 2021, c. 224", "NJ", "NJ Laws 2021, ch. 224"),
    ("NMSA 1978 § 22-2-2.1", "NM", "NMSA 1978 § 22-2-2.1"),
    ("N.M. Admin. Code § 6.30.13.13", "NM", "NMAC 6.30.13.13"),
    ("NMSA 1978 § 22-2-8.1", "NM", "NMSA 1978 § 22-2-8.1"),
    ("NAC 387.125", "NV", "NAC 387.125"),
    ("NAC 387.120", "NV", "NAC 387.120"),
    ("8 NYCRR 100.2(n)", "NY", "8 NYCRR § 100.2(n)"),
    ("8 NYCRR 200.6(k)", "NY", "8 NYCRR § 200.6(k)"),
    ("8 NYCRR 200.1", "NY", "8 NYCRR § 200.1"),
    ("Education Law § 1704(2)", "NY", "N.Y. Educ. Law § 1704(2)"),
    ("ORC 3302.06", "OH", "R.C. 3302.06"),
    ("ORC 3302.062", "OH", "R.C. 3302.062"),
    ("ORC 3302.063", "OH", "R.C. 3302.063"),
    ("OAC 3301-46-01", "OH", "Ohio Adm. Code § 3301-46-01"),
    ("70 O.S. § 3-124 et seq.", "OK", "70 O.S. § 3-124"),
    ("70 O.S. § 3-125", "OK", "70 O.S. § 3-125"),
    ("Okla. Admin. Code § 210:35-1-4", "OK", "OAC 210:35-1-4"),
    ("OAR 581-002-0035", "OR", "OAR 581-002-0035"),
    ("OAR 581-022-2025", "OR", "OAR 581-022-2025"),
    ("ORS 326.051", "OR", "ORS 326.051"),
    (
        "Public School Code of 1949, § 130 (added by Act 56 of 2023)",
        "PA",
        "Public School Code § 130",
    ),
    ("Act 56 of 2023", "PA", "PA Laws 2023, act 56"),
    (
        "Pa. SB 239 (2025), PN 193 (proposed Public School Code § 135)",
        "PA",
        "PA SB 239 (2025)",
    ),
    ("R.I. Gen. Laws ch. 16-3.2", "RI", "R.I. Gen. Laws ch. 16-3.2"),
    ("R.I. Gen. Laws § 16-3.2-1", "RI", "R.I. Gen. Laws § 16-3.2-1"),
    ("200-RICR-20-10-2.3", "RI", "200 RICR 20-10-2.3"),
    ("S.C. Code § 59-18-1120", "SC", "S.C. Code Ann. § 59-18-1120"),
    ("S.C. Code Ann. Regs. 43-234", "SC", "S.C. Code Ann. Regs. § 43-234"),
    ("S.C. Code Ann. Regs. 43-231", "SC", "S.C. Code Ann. Regs. § 43-231"),
    ("SDCL 13-5-34", "SD", "SDCL 13-5-34"),
    ("ARSD 24:43:08:01", "SD", "ARSD 24:43:08:01"),
    ("ARSD 24:43:08:02", "SD", "ARSD 24:43:08:02"),
    ("Tenn. Code Ann. § 49-1-201(d)", "TN", "Tenn. Code Ann. § 49-1-201(d)"),
    (
        "Tenn. Comp. R. & Regs. 0520-01-02-.12",
        "TN",
        "Tenn. Comp. R. & Regs. 0520-01-02-.12",
    ),
    ("Tenn. Code Ann. § 49-6-3004", "TN", "Tenn. Code Ann. § 49-6-3004"),
    ("2024 Tenn. Acts ch. 1053", "TN", "TN Laws 2024, ch. 1053"),
    ("Tex. Educ. Code ch. 12A", "TX", "Tex. Educ. Code ch. 12A"),
    ("Tex. Educ. Code § 12A.001", "TX", "Tex. Educ. Code § 12A.001"),
    ("Tex. Educ. Code § 12A.002", "TX", "Tex. Educ. Code § 12A.002"),
    ("19 TAC Chapter 102, Subchapter JJ", "TX", "19 TAC ch. 102, subch. JJ"),
    ("ESEA § 8401", "US", "ESEA § 8401 (20 U.S.C. § 7861)"),
    ("20 U.S.C. § 7861", "US", "20 U.S.C. § 7861"),
    ("ESEA § 1204", "US", "ESEA § 1204 (20 U.S.C. § 6364)"),
    ("34 CFR Part 200", "US", "34 C.F.R. pt. 200"),
    ("Utah Code 53F-5-501", "UT", "Utah Code § 53F-5-501"),
    ("Utah Code 53F-5-502", "UT", "Utah Code § 53F-5-502"),
    ("Utah Code 53F-5-503", "UT", "Utah Code § 53F-5-503"),
    ("Utah Admin. Code R277-712", "UT", "Utah Admin. Code R277-712"),
    ("8VAC20-131-420", "VA", "8 VAC 20-131-420"),
    ("8VAC20-131-290", "VA", "8 VAC 20-131-290"),
    ("2015 Va. Acts chs. 701, 702 (HB 1675, SB 982)", "VA", "VA Laws 2015, ch. 701"),
    ("Code of Virginia § 22.1-79.1", "VA", "Va. Code § 22.1-79.1"),
    (
        "Vt. State Bd. of Educ. Rule 2000 (Education Quality Standards)",
        "VT",
        "Vt. State Bd. of Educ. Rule 2000",
    ),
    ("16 V.S.A. § 941", "VT", "16 V.S.A. § 941"),
    ("RCW 28A.300.750", "WA", "RCW 28A.300.750"),
    ("WAC 180-18-040", "WA", "WAC 180-18-040"),
    ("WAC 180-18-050", "WA", "WAC 180-18-050"),
    ("SHB 2381, Ch. 238, Laws of 2024", "WA", "WA SHB 2381"),
    ("Wis. Admin. Code PI 8.01(3)", "WI", "Wis. Admin. Code PI 8.01(3)"),
    ("Wis. Admin. Code PI 8.01(2)", "WI", "Wis. Admin. Code PI 8.01(2)"),
    ("Wis. Stat. § 121.02(1)(f)", "WI", "Wis. Stat. § 121.02(1)(f)"),
    ("W. Va. Code § 18-5A-3", "WV", "W. Va. Code § 18-5A-3"),
    ("W. Va. Code § 18-5A-3a", "WV", "W. Va. Code § 18-5A-3a"),
    ("W. Va. Code § 18-5E-2", "WV", "W. Va. Code § 18-5E-2"),
    ("W. Va. Code R. § 126-75-4 (WVBE Policy 3236)", "WV", "W. Va. Code R. § 126-75-4"),
    ("W.S. 21-2-304(b)(viii)", "WY", "W.S. § 21-2-304(b)(viii)"),
    ("W.S. 21-13-307", "WY", "W.S. § 21-13-307"),
]


@pytest.mark.parametrize(("typed", "state", "normal"), FORMS)
def test_normal_form(typed, state, normal):
    cit = parse_citation(typed, state)
    assert cit is not None, typed
    assert cit.label == normal


def test_the_table_covers_every_jurisdiction_of_the_catalog():
    per_state: dict[str, int] = {}
    for _, state, _ in FORMS:
        per_state[state or "US"] = per_state.get(state or "US", 0) + 1
    from finder.catalog.jurisdictions import CODES

    thin = {
        code: per_state.get(code, 0) for code in CODES if per_state.get(code, 0) < 3
    }
    assert len(FORMS) >= 150
    assert thin == {}


def cite(text: str, state: str = "", default: str = ""):
    body = load_law().body(default) if default else None
    found = find_citations(text, state, body)
    assert found, text
    return found[0]


@pytest.mark.parametrize(
    ("outer", "inner", "state"),
    [
        ("Tex. Educ. Code ch. 28", "TEC § 28.025", "TX"),
        ("Tex. Educ. Code § 28.025", "Tex. Educ. Code § 28.025(b)(1)", "TX"),
        ("Tex. Educ. Code ch. 12A", "TEC 12A.004", "TX"),
        ("Tex. Educ. Code", "TEC §22.083", "TX"),
        ("Tex. Educ. Code §§ 25.081–25.084", "TEC 25.0811", "TX"),
        ("Tex. Educ. Code §§ 25.081–25.084", "TEC 25.083(a)", "TX"),
        ("19 TAC ch. 102", "19 TAC 102.1309", "TX"),
        ("C.R.S. title 22", "C.R.S. 22-32-109(1)(n)", "CO"),
        ("C.R.S. 22-32", "C.R.S. 22-32-109", "CO"),
        ("O.C.G.A. title 20, chapter 2", "O.C.G.A. § 20-2-182", "GA"),
        ("O.C.G.A. Title 20, Chapter 14", "O.C.G.A. § 20-14-33", "GA"),
        ("ORC 3313.603", "R.C. 3313.603(J)", "OH"),
        ("ESEA § 8401", "20 U.S.C. § 7861(b)", ""),
        ("20 U.S.C. § 6311", "ESEA § 1111(b)(2)", ""),
        ("ESEA", "20 U.S.C. § 6311", ""),
        ("105 ILCS 5", "105 ILCS 5/2-3.25g", "IL"),
        ("M.G.L. c. 71", "M.G.L. c. 71, § 92", "MA"),
        ("RCW 28A.305", "RCW 28A.305.140", "WA"),
        ("Tex. Educ. Code ch. 29, subch. B", "Tex. Educ. Code ch. 29, subch. B", "TX"),
        ("IDEA", "IDEA", ""),
    ],
)
def test_containment(outer, inner, state):
    assert cite(outer, state).contains(cite(inner, state))


@pytest.mark.parametrize(
    ("outer", "inner", "state"),
    [
        ("Tex. Educ. Code ch. 28", "TEC § 29.001", "TX"),
        ("Tex. Educ. Code ch. 28", "19 TAC § 28.1", "TX"),
        ("Tex. Educ. Code §§ 25.081–25.084", "TEC 25.085", "TX"),
        ("Tex. Educ. Code §§ 25.081–25.084", "TEC 25.08", "TX"),
        ("Tex. Educ. Code § 28.025(b)", "Tex. Educ. Code § 28.025", "TX"),
        ("C.R.S. 22-32", "C.R.S. 22-3-109", "CO"),
        ("O.C.G.A. title 20, chapter 2", "O.C.G.A. § 2-2-182", "GA"),
        ("O.C.G.A. title 20, chapter 2", "O.C.G.A. § 20-14-33", "GA"),
        ("C.R.S. 22-2-117", "C.R.S. 22-2-1170", "CO"),
        ("Tex. Educ. Code ch. 29, subch. B", "TEC § 29.051", "TX"),
        ("ESEA § 8401", "20 U.S.C. § 6311", ""),
        ("Title IX", "IDEA", ""),
    ],
)
def test_not_contained(outer, inner, state):
    assert not cite(outer, state).contains(cite(inner, state))


def test_lists_and_ranges_expand_in_the_mechanism_s_own_code():
    text = (
        "educator criminal-history provisions (Ch. 22, Subch. B); admission "
        "§§ 25.001, 25.002, and 25.0021; Chs. 39 and 39A; Ch. 34; §§ 37.005–37.007"
    )
    labels = [c.label for c in find_citations(text, "TX", load_law().body("tx-educ"))]
    assert labels == [
        "Tex. Educ. Code ch. 22, subch. B",
        "Tex. Educ. Code § 25.001",
        "Tex. Educ. Code § 25.002",
        "Tex. Educ. Code § 25.0021",
        "Tex. Educ. Code ch. 39",
        "Tex. Educ. Code ch. 39A",
        "Tex. Educ. Code ch. 34",
        "Tex. Educ. Code §§ 37.005–37.007",
    ]


def test_bare_forms_need_a_body_to_belong_to():
    assert find_citations("§ 28.002 and Ch. 34", "TX") == []


def test_the_same_words_in_another_state_mean_that_state_s_code():
    assert parse_citation("Education Code § 33050", "CA").body.id == "ca-educ"
    assert parse_citation("Education Code § 25.0811", "TX").body.id == "tx-educ"


def test_a_pasted_line_keeps_its_citation_apart_from_its_words():
    cit = parse_citation("TEC §22.083 Criminal History Record Check", "TX")
    assert (cit.label, cit.level) == ("Tex. Educ. Code § 22.083", "state_statute")


@pytest.mark.parametrize(
    ("typed", "state", "url", "official"),
    [
        (
            "TEC 25.0811",
            "TX",
            "https://statutes.capitol.texas.gov/Docs/ED/htm/ED.25.htm#25.0811",
            True,
        ),
        (
            "105 ILCS 5/2-3.25g",
            "IL",
            "https://www.ilga.gov/legislation/ilcs/fulltext.asp?DocName=010500050K2-3.25g",
            True,
        ),
        (
            "20 U.S.C. § 7861",
            "",
            "https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title20-section7861&num=0&edition=prelim",
            True,
        ),
        (
            "34 C.F.R. § 300.1",
            "",
            "https://www.ecfr.gov/current/title-34/section-300.1",
            True,
        ),
        (
            "ORC 3313.603(J)",
            "OH",
            "https://codes.ohio.gov/ohio-revised-code/section-3313.603",
            True,
        ),
        (
            "M.G.L. c. 71, § 92",
            "MA",
            "https://malegislature.gov/Laws/GeneralLaws/Chapter71/Section92",
            True,
        ),
    ],
)
def test_links_to_the_official_text(typed, state, url, official):
    link = link_for(parse_citation(typed, state))
    assert (link.url, link.official) == (url, official)


def test_a_mirror_link_says_it_is_unofficial():
    link = link_for(parse_citation("KRS 156.108", "KY"))
    assert link is not None
    assert link.official is False


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["", "TX", "CO", "US", "zz"]))
def test_any_text_gives_a_list_and_never_raises(text, state):
    found = find_citations(text, state, load_law().body("tx-educ"))
    assert isinstance(found, list)
    for cit in found:
        assert cit.label


@pytest.mark.parametrize(
    ("line", "state", "text", "citation", "level"),
    [
        (
            "TEC §22.083 Criminal History Record Check",
            "TX",
            "Criminal History Record Check",
            "Tex. Educ. Code § 22.083",
            "state_statute",
        ),
        (
            "Criminal history checks (Tex. Educ. Code § 22.083)",
            "TX",
            "Criminal history checks",
            "Tex. Educ. Code § 22.083",
            "state_statute",
        ),
        (
            "§ 25.0811 - Uniform start date",
            "TX",
            "Uniform start date",
            "Tex. Educ. Code § 25.0811",
            "state_statute",
        ),
        (
            "34 CFR 300.301 Initial evaluations",
            "",
            "Initial evaluations",
            "34 C.F.R. § 300.301",
            "federal_law",
        ),
        (
            "1 CCR 301-35: innovation plan rules",
            "CO",
            "innovation plan rules",
            "1 CCR 301-35",
            "state_rule",
        ),
        (
            "Teachers must be certified under TEC 21.003 unless permitted",
            "TX",
            "Teachers must be certified under TEC 21.003 unless permitted",
            "Tex. Educ. Code § 21.003",
            "state_statute",
        ),
        (
            "IDEA evaluations within 60 days",
            "",
            "IDEA evaluations within 60 days",
            "IDEA",
            "federal_law",
        ),
        ("HB 2 teacher rules", "TX", "HB 2 teacher rules", "", ""),
        (  # taken out of its brackets, the citation leaves no "( )" behind
            "School may not start before the fourth Monday in August (TEC § 25.0811).",
            "TX",
            "School may not start before the fourth Monday in August.",
            "Tex. Educ. Code § 25.0811",
            "state_statute",
        ),
        (
            "Class size for K-4 [TEC § 25.112] .",
            "TX",
            "Class size for K-4.",
            "Tex. Educ. Code § 25.112",
            "state_statute",
        ),
        (
            "Bus routes are set in October",
            "TX",
            "Bus routes are set in October",
            "",
            "",
        ),
    ],
)
def test_citations_are_found_where_people_put_them(line, state, text, citation, level):
    from finder.law.detect import detect

    found = detect(line, state)
    assert (found.text, found.citation, found.level) == (text, citation, level)


def test_a_code_name_several_states_share_is_not_read_as_another_states():
    """ "Education Code" is California's and Texas's; in a Colorado document it is
    neither, and its section is not read as Colorado's either."""
    from finder.law.detect import detect

    assert detect("Education Code Section 12A.003", "CO").citation == ""
    assert detect("Education Code Section 12A.003", "TX").citation == (
        "Tex. Educ. Code § 12A.003"
    )
    assert detect("Ed. Code 25.112", "TX").citation == "Tex. Educ. Code § 25.112"
    assert detect("see Education Code 25.112 and C.R.S. 22-32-109", "CO").citation == (
        "C.R.S. 22-32-109"
    )


def test_colorado_number_first_form_as_state_waiver_lists_write_it():
    from finder.law.detect import detect

    found = detect("22-32-109(1)(f), C.R.S.", "CO")
    assert (found.citation, found.level) == ("C.R.S. 22-32-109(1)(f)", "state_statute")
    assert detect("Select staff and set pay, 22-32-109(1)(f), CRS", "CO").text == (
        "Select staff and set pay"
    )


@pytest.mark.parametrize(
    ("act", "inside", "outside"),
    [
        ("ESEA", "20 U.S.C. § 6311", "20 U.S.C. § 2354"),
        ("Perkins V", "20 U.S.C. § 2354", "20 U.S.C. § 6311"),
        ("IDEA", "20 U.S.C. § 1412(a)", "20 U.S.C. § 2354"),
    ],
)
def test_a_whole_federal_act_contains_its_run_of_the_us_code(act, inside, outside):
    whole = parse_citation(act, "US")
    assert whole.contains(parse_citation(inside, "US"))
    assert not whole.contains(parse_citation(outside, "US"))


@pytest.mark.parametrize(
    ("typed", "state", "normal"),
    [
        # the forms a district team types, without the periods of the printed form
        ("Ed Code 49073.1", "CA", "Cal. Educ. Code § 49073.1"),
        ("Ed Code 25.081", "TX", "Tex. Educ. Code § 25.081"),
        ("Educ Code 39803", "CA", "Cal. Educ. Code § 39803"),
        ("70 OS 1-111", "OK", "70 O.S. § 1-111"),
        ("UCA 53G-7-215", "UT", "Utah Code § 53G-7-215"),
        ("WV Code 18-5B-4", "WV", "W. Va. Code § 18-5B-4"),
    ],
)
def test_short_forms_typed_without_periods(typed, state, normal):
    cit = parse_citation(typed, state)
    assert cit is not None, typed
    assert cit.label == normal


def test_a_short_code_name_two_states_share_is_not_read_in_a_third():
    # "Ed Code" is California's and Texas's: in Colorado it cannot be told apart
    assert parse_citation("Ed Code 22-32-109", "CO") is None


@pytest.mark.parametrize(
    ("typed", "home", "body", "elsewhere"),
    [
        ("State Board Rule 160-5-1-.15", "GA", "ga-rules", "TN"),
        ("Tenn. State Board rule on maximum student time in transit", None, None, "TN"),
        ("G.S. 115C-84.2", "NC", "nc-gs", "SC"),
        ("Education Law § 3204", "NY", "ny-educ", "NJ"),
        ("Education Article, § 7-103", "MD", "md-educ", "DE"),
        ("70 O.S. § 1-111", "OK", "ok-os", "KS"),
        ("PI 8.01", "WI", "wi-admin", "MN"),
        ("R.C. 3313.48", "OH", "oh-rc", "WA"),
        ("281 IAC 12.5(14)", "IA", "ia-iac-agency", "TN"),
        # a name that needs a number after it is read in place
        ("Ed 306.18", "NH", "nh-admin", "VT"),
        ("70 OS 1-111", "OK", "ok-os", "TX"),
        ("R277-700-3", "UT", "ut-rules", "AZ"),
        ("AS 14.03.030", "AK", "ak-stat", "CO"),
        # names two states share, or another law shares
        ("Gen. Laws § 16-2-2", "RI", "ri-gl", "CT"),
        ("MCA § 37-9-14", "MS", "ms-code", "TX"),
        ("MCA 20-7-101", "MT", "mt-mca", "TX"),
        ("ACA § 6-17-401", "AR", "ar-code", "TX"),
        ("126CSR42", "WV", "wv-csr-series", "TX"),
        ("511 IAC 6.2-3-2", "IN", "in-iac", "TN"),
    ],
)
def test_a_name_that_does_not_say_its_state_is_read_only_in_its_own(
    typed, home, body, elsewhere
):
    """ "State Board Rule" is how Georgia writes its rules, but a Tennessee team means
    Tennessee's State Board: read there as Georgia's, a Georgia mechanism was offered
    for a Tennessee bus rule."""
    if home:
        assert parse_citation(typed, home).body.id == body
    assert parse_citation(typed, elsewhere) is None


def test_a_nebraska_section_lies_in_the_section_it_decimals():
    whole = parse_citation("92 NAC 10-003", "NE")
    part = parse_citation("92 NAC 10, § 003.04", "NE")
    assert whole.contains(part)
    assert not part.contains(whole)
    assert part.contains(parse_citation("92 NAC 10-003.04", "NE"))


@pytest.mark.parametrize(
    ("citation", "state"),
    [
        ("Civil Service Law § 204", "NY"),
        ("Tex. Gov't Code § 617.002", "TX"),
    ],
)
def test_a_section_of_a_law_the_parser_does_not_know_is_not_the_home_codes(
    citation, state
):
    from finder.law.scope import rule_law

    assert rule_law("", citation, "", state).citations == ()
    # a section typed alone is still the home code's
    assert rule_law("", "§ 25.112", "", "TX").citations[0].label == (
        "Tex. Educ. Code § 25.112"
    )
