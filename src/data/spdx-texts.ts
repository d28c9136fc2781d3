/**
 * The SPDX license texts Cardinal compares LICENSE files with (`parse/license-text.ts`):
 * the Hub licenses that have an SPDX id (`hf-licenses.ts`) and the near relatives
 * it compares too. Imported at build time from the `spdx-license-list` package, so the
 * pure core reads no file at run time. A test checks that this list and the ids
 * `license-text.ts` asks for are the same.
 */
import L_0BSD from "spdx-license-list/licenses/0BSD.json" with { type: "json" };
import L_AFL_2_1 from "spdx-license-list/licenses/AFL-2.1.json" with { type: "json" };
import L_AFL_3_0 from "spdx-license-list/licenses/AFL-3.0.json" with { type: "json" };
import L_AGPL_1_0_only from "spdx-license-list/licenses/AGPL-1.0-only.json" with { type: "json" };
import L_AGPL_3_0_only from "spdx-license-list/licenses/AGPL-3.0-only.json" with { type: "json" };
import L_Apache_1_0 from "spdx-license-list/licenses/Apache-1.0.json" with { type: "json" };
import L_Apache_1_1 from "spdx-license-list/licenses/Apache-1.1.json" with { type: "json" };
import L_Apache_2_0 from "spdx-license-list/licenses/Apache-2.0.json" with { type: "json" };
import L_Artistic_1_0 from "spdx-license-list/licenses/Artistic-1.0.json" with { type: "json" };
import L_Artistic_2_0 from "spdx-license-list/licenses/Artistic-2.0.json" with { type: "json" };
import L_BSD_1_Clause from "spdx-license-list/licenses/BSD-1-Clause.json" with { type: "json" };
import L_BSD_2_Clause from "spdx-license-list/licenses/BSD-2-Clause.json" with { type: "json" };
import L_BSD_2_Clause_Patent from "spdx-license-list/licenses/BSD-2-Clause-Patent.json" with { type: "json" };
import L_BSD_3_Clause from "spdx-license-list/licenses/BSD-3-Clause.json" with { type: "json" };
import L_BSD_3_Clause_Clear from "spdx-license-list/licenses/BSD-3-Clause-Clear.json" with { type: "json" };
import L_BSD_3_Clause_LBNL from "spdx-license-list/licenses/BSD-3-Clause-LBNL.json" with { type: "json" };
import L_BSD_4_Clause from "spdx-license-list/licenses/BSD-4-Clause.json" with { type: "json" };
import L_BSL_1_0 from "spdx-license-list/licenses/BSL-1.0.json" with { type: "json" };
import L_BlueOak_1_0_0 from "spdx-license-list/licenses/BlueOak-1.0.0.json" with { type: "json" };
import L_C_UDA_1_0 from "spdx-license-list/licenses/C-UDA-1.0.json" with { type: "json" };
import L_CC_BY_1_0 from "spdx-license-list/licenses/CC-BY-1.0.json" with { type: "json" };
import L_CC_BY_2_0 from "spdx-license-list/licenses/CC-BY-2.0.json" with { type: "json" };
import L_CC_BY_2_5 from "spdx-license-list/licenses/CC-BY-2.5.json" with { type: "json" };
import L_CC_BY_3_0 from "spdx-license-list/licenses/CC-BY-3.0.json" with { type: "json" };
import L_CC_BY_4_0 from "spdx-license-list/licenses/CC-BY-4.0.json" with { type: "json" };
import L_CC_BY_NC_1_0 from "spdx-license-list/licenses/CC-BY-NC-1.0.json" with { type: "json" };
import L_CC_BY_NC_2_0 from "spdx-license-list/licenses/CC-BY-NC-2.0.json" with { type: "json" };
import L_CC_BY_NC_2_5 from "spdx-license-list/licenses/CC-BY-NC-2.5.json" with { type: "json" };
import L_CC_BY_NC_3_0 from "spdx-license-list/licenses/CC-BY-NC-3.0.json" with { type: "json" };
import L_CC_BY_NC_4_0 from "spdx-license-list/licenses/CC-BY-NC-4.0.json" with { type: "json" };
import L_CC_BY_NC_ND_1_0 from "spdx-license-list/licenses/CC-BY-NC-ND-1.0.json" with { type: "json" };
import L_CC_BY_NC_ND_2_0 from "spdx-license-list/licenses/CC-BY-NC-ND-2.0.json" with { type: "json" };
import L_CC_BY_NC_ND_2_5 from "spdx-license-list/licenses/CC-BY-NC-ND-2.5.json" with { type: "json" };
import L_CC_BY_NC_ND_3_0 from "spdx-license-list/licenses/CC-BY-NC-ND-3.0.json" with { type: "json" };
import L_CC_BY_NC_ND_4_0 from "spdx-license-list/licenses/CC-BY-NC-ND-4.0.json" with { type: "json" };
import L_CC_BY_NC_SA_1_0 from "spdx-license-list/licenses/CC-BY-NC-SA-1.0.json" with { type: "json" };
import L_CC_BY_NC_SA_2_0 from "spdx-license-list/licenses/CC-BY-NC-SA-2.0.json" with { type: "json" };
import L_CC_BY_NC_SA_2_5 from "spdx-license-list/licenses/CC-BY-NC-SA-2.5.json" with { type: "json" };
import L_CC_BY_NC_SA_3_0 from "spdx-license-list/licenses/CC-BY-NC-SA-3.0.json" with { type: "json" };
import L_CC_BY_NC_SA_4_0 from "spdx-license-list/licenses/CC-BY-NC-SA-4.0.json" with { type: "json" };
import L_CC_BY_ND_1_0 from "spdx-license-list/licenses/CC-BY-ND-1.0.json" with { type: "json" };
import L_CC_BY_ND_2_0 from "spdx-license-list/licenses/CC-BY-ND-2.0.json" with { type: "json" };
import L_CC_BY_ND_2_5 from "spdx-license-list/licenses/CC-BY-ND-2.5.json" with { type: "json" };
import L_CC_BY_ND_3_0 from "spdx-license-list/licenses/CC-BY-ND-3.0.json" with { type: "json" };
import L_CC_BY_ND_4_0 from "spdx-license-list/licenses/CC-BY-ND-4.0.json" with { type: "json" };
import L_CC_BY_SA_1_0 from "spdx-license-list/licenses/CC-BY-SA-1.0.json" with { type: "json" };
import L_CC_BY_SA_2_0 from "spdx-license-list/licenses/CC-BY-SA-2.0.json" with { type: "json" };
import L_CC_BY_SA_2_5 from "spdx-license-list/licenses/CC-BY-SA-2.5.json" with { type: "json" };
import L_CC_BY_SA_3_0 from "spdx-license-list/licenses/CC-BY-SA-3.0.json" with { type: "json" };
import L_CC_BY_SA_4_0 from "spdx-license-list/licenses/CC-BY-SA-4.0.json" with { type: "json" };
import L_CC_PDDC from "spdx-license-list/licenses/CC-PDDC.json" with { type: "json" };
import L_CC0_1_0 from "spdx-license-list/licenses/CC0-1.0.json" with { type: "json" };
import L_CDDL_1_0 from "spdx-license-list/licenses/CDDL-1.0.json" with { type: "json" };
import L_CDLA_Permissive_1_0 from "spdx-license-list/licenses/CDLA-Permissive-1.0.json" with { type: "json" };
import L_CDLA_Permissive_2_0 from "spdx-license-list/licenses/CDLA-Permissive-2.0.json" with { type: "json" };
import L_CDLA_Sharing_1_0 from "spdx-license-list/licenses/CDLA-Sharing-1.0.json" with { type: "json" };
import L_ECL_2_0 from "spdx-license-list/licenses/ECL-2.0.json" with { type: "json" };
import L_EPL_1_0 from "spdx-license-list/licenses/EPL-1.0.json" with { type: "json" };
import L_EPL_2_0 from "spdx-license-list/licenses/EPL-2.0.json" with { type: "json" };
import L_EUPL_1_0 from "spdx-license-list/licenses/EUPL-1.0.json" with { type: "json" };
import L_EUPL_1_1 from "spdx-license-list/licenses/EUPL-1.1.json" with { type: "json" };
import L_EUPL_1_2 from "spdx-license-list/licenses/EUPL-1.2.json" with { type: "json" };
import L_GFDL_1_1_only from "spdx-license-list/licenses/GFDL-1.1-only.json" with { type: "json" };
import L_GFDL_1_2_only from "spdx-license-list/licenses/GFDL-1.2-only.json" with { type: "json" };
import L_GFDL_1_3_only from "spdx-license-list/licenses/GFDL-1.3-only.json" with { type: "json" };
import L_GPL_1_0_only from "spdx-license-list/licenses/GPL-1.0-only.json" with { type: "json" };
import L_GPL_2_0_only from "spdx-license-list/licenses/GPL-2.0-only.json" with { type: "json" };
import L_GPL_3_0_only from "spdx-license-list/licenses/GPL-3.0-only.json" with { type: "json" };
import L_ISC from "spdx-license-list/licenses/ISC.json" with { type: "json" };
import L_LGPL_2_0_only from "spdx-license-list/licenses/LGPL-2.0-only.json" with { type: "json" };
import L_LGPL_2_1_only from "spdx-license-list/licenses/LGPL-2.1-only.json" with { type: "json" };
import L_LGPL_3_0_only from "spdx-license-list/licenses/LGPL-3.0-only.json" with { type: "json" };
import L_LPPL_1_3c from "spdx-license-list/licenses/LPPL-1.3c.json" with { type: "json" };
import L_MIT from "spdx-license-list/licenses/MIT.json" with { type: "json" };
import L_MIT_0 from "spdx-license-list/licenses/MIT-0.json" with { type: "json" };
import L_MIT_CMU from "spdx-license-list/licenses/MIT-CMU.json" with { type: "json" };
import L_MPL_1_1 from "spdx-license-list/licenses/MPL-1.1.json" with { type: "json" };
import L_MPL_2_0 from "spdx-license-list/licenses/MPL-2.0.json" with { type: "json" };
import L_MS_PL from "spdx-license-list/licenses/MS-PL.json" with { type: "json" };
import L_MulanPSL_2_0 from "spdx-license-list/licenses/MulanPSL-2.0.json" with { type: "json" };
import L_NCSA from "spdx-license-list/licenses/NCSA.json" with { type: "json" };
import L_O_UDA_1_0 from "spdx-license-list/licenses/O-UDA-1.0.json" with { type: "json" };
import L_ODC_By_1_0 from "spdx-license-list/licenses/ODC-By-1.0.json" with { type: "json" };
import L_ODbL_1_0 from "spdx-license-list/licenses/ODbL-1.0.json" with { type: "json" };
import L_OFL_1_1 from "spdx-license-list/licenses/OFL-1.1.json" with { type: "json" };
import L_OSL_2_1 from "spdx-license-list/licenses/OSL-2.1.json" with { type: "json" };
import L_OSL_3_0 from "spdx-license-list/licenses/OSL-3.0.json" with { type: "json" };
import L_OpenMDW_1_0 from "spdx-license-list/licenses/OpenMDW-1.0.json" with { type: "json" };
import L_PDDL_1_0 from "spdx-license-list/licenses/PDDL-1.0.json" with { type: "json" };
import L_PSF_2_0 from "spdx-license-list/licenses/PSF-2.0.json" with { type: "json" };
import L_PostgreSQL from "spdx-license-list/licenses/PostgreSQL.json" with { type: "json" };
import L_Python_2_0 from "spdx-license-list/licenses/Python-2.0.json" with { type: "json" };
import L_UPL_1_0 from "spdx-license-list/licenses/UPL-1.0.json" with { type: "json" };
import L_Unicode_DFS_2016 from "spdx-license-list/licenses/Unicode-DFS-2016.json" with { type: "json" };
import L_Unlicense from "spdx-license-list/licenses/Unlicense.json" with { type: "json" };
import L_WTFPL from "spdx-license-list/licenses/WTFPL.json" with { type: "json" };
import L_X11 from "spdx-license-list/licenses/X11.json" with { type: "json" };
import L_Zlib from "spdx-license-list/licenses/Zlib.json" with { type: "json" };
import L_etalab_2_0 from "spdx-license-list/licenses/etalab-2.0.json" with { type: "json" };

/** SPDX id → the license text. */
export const SPDX_TEXTS: ReadonlyMap<string, string> = new Map([
  ["0BSD", L_0BSD.licenseText],
  ["AFL-2.1", L_AFL_2_1.licenseText],
  ["AFL-3.0", L_AFL_3_0.licenseText],
  ["AGPL-1.0-only", L_AGPL_1_0_only.licenseText],
  ["AGPL-3.0-only", L_AGPL_3_0_only.licenseText],
  ["Apache-1.0", L_Apache_1_0.licenseText],
  ["Apache-1.1", L_Apache_1_1.licenseText],
  ["Apache-2.0", L_Apache_2_0.licenseText],
  ["Artistic-1.0", L_Artistic_1_0.licenseText],
  ["Artistic-2.0", L_Artistic_2_0.licenseText],
  ["BSD-1-Clause", L_BSD_1_Clause.licenseText],
  ["BSD-2-Clause", L_BSD_2_Clause.licenseText],
  ["BSD-2-Clause-Patent", L_BSD_2_Clause_Patent.licenseText],
  ["BSD-3-Clause", L_BSD_3_Clause.licenseText],
  ["BSD-3-Clause-Clear", L_BSD_3_Clause_Clear.licenseText],
  ["BSD-3-Clause-LBNL", L_BSD_3_Clause_LBNL.licenseText],
  ["BSD-4-Clause", L_BSD_4_Clause.licenseText],
  ["BSL-1.0", L_BSL_1_0.licenseText],
  ["BlueOak-1.0.0", L_BlueOak_1_0_0.licenseText],
  ["C-UDA-1.0", L_C_UDA_1_0.licenseText],
  ["CC-BY-1.0", L_CC_BY_1_0.licenseText],
  ["CC-BY-2.0", L_CC_BY_2_0.licenseText],
  ["CC-BY-2.5", L_CC_BY_2_5.licenseText],
  ["CC-BY-3.0", L_CC_BY_3_0.licenseText],
  ["CC-BY-4.0", L_CC_BY_4_0.licenseText],
  ["CC-BY-NC-1.0", L_CC_BY_NC_1_0.licenseText],
  ["CC-BY-NC-2.0", L_CC_BY_NC_2_0.licenseText],
  ["CC-BY-NC-2.5", L_CC_BY_NC_2_5.licenseText],
  ["CC-BY-NC-3.0", L_CC_BY_NC_3_0.licenseText],
  ["CC-BY-NC-4.0", L_CC_BY_NC_4_0.licenseText],
  ["CC-BY-NC-ND-1.0", L_CC_BY_NC_ND_1_0.licenseText],
  ["CC-BY-NC-ND-2.0", L_CC_BY_NC_ND_2_0.licenseText],
  ["CC-BY-NC-ND-2.5", L_CC_BY_NC_ND_2_5.licenseText],
  ["CC-BY-NC-ND-3.0", L_CC_BY_NC_ND_3_0.licenseText],
  ["CC-BY-NC-ND-4.0", L_CC_BY_NC_ND_4_0.licenseText],
  ["CC-BY-NC-SA-1.0", L_CC_BY_NC_SA_1_0.licenseText],
  ["CC-BY-NC-SA-2.0", L_CC_BY_NC_SA_2_0.licenseText],
  ["CC-BY-NC-SA-2.5", L_CC_BY_NC_SA_2_5.licenseText],
  ["CC-BY-NC-SA-3.0", L_CC_BY_NC_SA_3_0.licenseText],
  ["CC-BY-NC-SA-4.0", L_CC_BY_NC_SA_4_0.licenseText],
  ["CC-BY-ND-1.0", L_CC_BY_ND_1_0.licenseText],
  ["CC-BY-ND-2.0", L_CC_BY_ND_2_0.licenseText],
  ["CC-BY-ND-2.5", L_CC_BY_ND_2_5.licenseText],
  ["CC-BY-ND-3.0", L_CC_BY_ND_3_0.licenseText],
  ["CC-BY-ND-4.0", L_CC_BY_ND_4_0.licenseText],
  ["CC-BY-SA-1.0", L_CC_BY_SA_1_0.licenseText],
  ["CC-BY-SA-2.0", L_CC_BY_SA_2_0.licenseText],
  ["CC-BY-SA-2.5", L_CC_BY_SA_2_5.licenseText],
  ["CC-BY-SA-3.0", L_CC_BY_SA_3_0.licenseText],
  ["CC-BY-SA-4.0", L_CC_BY_SA_4_0.licenseText],
  ["CC-PDDC", L_CC_PDDC.licenseText],
  ["CC0-1.0", L_CC0_1_0.licenseText],
  ["CDDL-1.0", L_CDDL_1_0.licenseText],
  ["CDLA-Permissive-1.0", L_CDLA_Permissive_1_0.licenseText],
  ["CDLA-Permissive-2.0", L_CDLA_Permissive_2_0.licenseText],
  ["CDLA-Sharing-1.0", L_CDLA_Sharing_1_0.licenseText],
  ["ECL-2.0", L_ECL_2_0.licenseText],
  ["EPL-1.0", L_EPL_1_0.licenseText],
  ["EPL-2.0", L_EPL_2_0.licenseText],
  ["EUPL-1.0", L_EUPL_1_0.licenseText],
  ["EUPL-1.1", L_EUPL_1_1.licenseText],
  ["EUPL-1.2", L_EUPL_1_2.licenseText],
  ["GFDL-1.1-only", L_GFDL_1_1_only.licenseText],
  ["GFDL-1.2-only", L_GFDL_1_2_only.licenseText],
  ["GFDL-1.3-only", L_GFDL_1_3_only.licenseText],
  ["GPL-1.0-only", L_GPL_1_0_only.licenseText],
  ["GPL-2.0-only", L_GPL_2_0_only.licenseText],
  ["GPL-3.0-only", L_GPL_3_0_only.licenseText],
  ["ISC", L_ISC.licenseText],
  ["LGPL-2.0-only", L_LGPL_2_0_only.licenseText],
  ["LGPL-2.1-only", L_LGPL_2_1_only.licenseText],
  ["LGPL-3.0-only", L_LGPL_3_0_only.licenseText],
  ["LPPL-1.3c", L_LPPL_1_3c.licenseText],
  ["MIT", L_MIT.licenseText],
  ["MIT-0", L_MIT_0.licenseText],
  ["MIT-CMU", L_MIT_CMU.licenseText],
  ["MPL-1.1", L_MPL_1_1.licenseText],
  ["MPL-2.0", L_MPL_2_0.licenseText],
  ["MS-PL", L_MS_PL.licenseText],
  ["MulanPSL-2.0", L_MulanPSL_2_0.licenseText],
  ["NCSA", L_NCSA.licenseText],
  ["O-UDA-1.0", L_O_UDA_1_0.licenseText],
  ["ODC-By-1.0", L_ODC_By_1_0.licenseText],
  ["ODbL-1.0", L_ODbL_1_0.licenseText],
  ["OFL-1.1", L_OFL_1_1.licenseText],
  ["OSL-2.1", L_OSL_2_1.licenseText],
  ["OSL-3.0", L_OSL_3_0.licenseText],
  ["OpenMDW-1.0", L_OpenMDW_1_0.licenseText],
  ["PDDL-1.0", L_PDDL_1_0.licenseText],
  ["PSF-2.0", L_PSF_2_0.licenseText],
  ["PostgreSQL", L_PostgreSQL.licenseText],
  ["Python-2.0", L_Python_2_0.licenseText],
  ["UPL-1.0", L_UPL_1_0.licenseText],
  ["Unicode-DFS-2016", L_Unicode_DFS_2016.licenseText],
  ["Unlicense", L_Unlicense.licenseText],
  ["WTFPL", L_WTFPL.licenseText],
  ["X11", L_X11.licenseText],
  ["Zlib", L_Zlib.licenseText],
  ["etalab-2.0", L_etalab_2_0.licenseText],
]);
