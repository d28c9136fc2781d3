import type { Rule } from "../core/rule.js";
import fileName from "./card/file-name/rule.js";
import frontMatterMapping from "./card/front-matter-mapping/rule.js";
import frontMatterPresent from "./card/front-matter-present/rule.js";
import frontMatterUniqueKeys from "./card/front-matter-unique-keys/rule.js";
import frontMatterValidYaml from "./card/front-matter-valid-yaml/rule.js";
import baseModelRelationValid from "./card/base-model-relation-valid/rule.js";
import baseModelStated from "./card/base-model-stated/rule.js";
import hasDescription from "./card/has-description/rule.js";
import noEmptySections from "./card/no-empty-sections/rule.js";
import noTemplatePlaceholders from "./card/no-template-placeholders/rule.js";
import requiredSections from "./card/required-sections/rule.js";
import datasetMetadataValid from "./card/dataset-metadata-valid/rule.js";
import modelIndexValid from "./card/model-index-valid/rule.js";
import evalResultsValid from "./card/eval-results-valid/rule.js";
import evalResultsFormat from "./card/eval-results-format/rule.js";
import benchmarkEvalValid from "./card/benchmark-eval-valid/rule.js";
import benchmarkEvalFormat from "./card/benchmark-eval-format/rule.js";
import modelIndexValues from "./card/model-index-values/rule.js";
import gatedFieldsValid from "./card/gated-fields-valid/rule.js";
import knownKeys from "./card/known-keys/rule.js";
import languageValid from "./card/language-valid/rule.js";
import libraryNameKnown from "./card/library-name-known/rule.js";
import metadataTypes from "./card/metadata-types/rule.js";
import pipelineTagKnown from "./card/pipeline-tag-known/rule.js";
import repoIdsValid from "./card/repo-ids-valid/rule.js";
import yamlAmbiguousValues from "./card/yaml-ambiguous-values/rule.js";
import configValid from "./cardinal/config-valid/rule.js";
import fileUnreadable from "./cardinal/file-unreadable/rule.js";
import internalError from "./cardinal/internal-error/rule.js";
import prFileLimit from "./cardinal/pr-file-limit/rule.js";
import reviewTimeLimit from "./cardinal/review-time-limit/rule.js";
import licenseDeclared from "./license/declared/rule.js";
import licenseFileMatchesCard from "./license/file-matches-card/rule.js";
import licenseFilePresent from "./license/file-present/rule.js";
import licenseCompatibleWithBase from "./license/compatible-with-base-model/rule.js";
import licenseBaseTermsKept from "./license/base-terms-kept/rule.js";
import licenseAllowsDistribution from "./license/allows-distribution/rule.js";
import licenseTextMatchesMetadata from "./license/text-matches-metadata/rule.js";
import licenseTermsDescribed from "./license/terms-described/rule.js";
import licenseDatasetTerms from "./license/dataset-terms/rule.js";
import licenseLlamaNaming from "./license/llama-naming/rule.js";
import licenseKnownId from "./license/known-id/rule.js";
import licenseNotUnknown from "./license/not-unknown/rule.js";
import licenseOtherIsKnown from "./license/other-is-known/rule.js";
import licenseOtherNeedsName from "./license/other-needs-name/rule.js";
import licenseUmbrellaId from "./license/umbrella-id/rule.js";
import linkedDatasetsDeclared from "./card/linked-datasets-declared/rule.js";
import canonicalId from "./hub/canonical-id/rule.js";
import datasetExists from "./hub/dataset-exists/rule.js";
import modelExists from "./hub/model-exists/rule.js";
import repoAccess from "./hub/repo-access/rule.js";
import baseModelFilesSafe from "./hub/base-model-files-safe/rule.js";
import mirrorFilesSafe from "./hub/mirror-files-safe/rule.js";
import hubUnreachable from "./hub/unreachable/rule.js";
import adapterBaseModel from "./release/adapter-base-model/rule.js";
import adapterHasWeights from "./release/adapter-has-weights/rule.js";
import configJsonValid from "./release/config-json-valid/rule.js";
import configMatchesCard from "./release/config-matches-card/rule.js";
import hasModelCard from "./release/has-model-card/rule.js";
import weightsOnHub from "./release/weights-on-hub/rule.js";
import weightsMissing from "./release/weights-missing/rule.js";
import configPresent from "./release/config-present/rule.js";
import configMatchesWeights from "./release/config-matches-weights/rule.js";
import gitattributesName from "./weights/gitattributes-name/rule.js";
import lfsPointerValid from "./weights/lfs-pointer-valid/rule.js";
import lfsSizeUnknown from "./weights/lfs-size-unknown/rule.js";
import pickleFile from "./weights/pickle-file/rule.js";
import pickleCallsCode from "./weights/pickle-calls-code/rule.js";
import pickleUnknownImport from "./weights/pickle-unknown-import/rule.js";
import pickleNotScanned from "./weights/pickle-not-scanned/rule.js";
import trainingLeftovers from "./weights/training-leftovers/rule.js";
import pickleBesideSafetensors from "./weights/pickle-beside-safetensors/rule.js";
import preferSafetensors from "./weights/prefer-safetensors/rule.js";
import shardsComplete from "./weights/shards-complete/rule.js";
import safetensorsHeaderValid from "./weights/safetensors-header-valid/rule.js";
import indexMatchesShards from "./weights/index-matches-shards/rule.js";
import useGitLfs from "./weights/use-git-lfs/rule.js";

/**
 * Every rule Cardinal runs, in the order their findings are produced.
 * Explicit on purpose: adding a rule is a reviewed change to this list.
 */
export const RULES: readonly Rule[] = [
  // Cardinal itself: configuration, limits, files it could not read.
  configValid,
  prFileLimit,
  fileUnreadable,
  internalError,
  reviewTimeLimit,
  // Cards: the metadata block the Hub reads.
  fileName,
  frontMatterPresent,
  frontMatterValidYaml,
  frontMatterMapping,
  frontMatterUniqueKeys,
  // Cards: metadata keys and values.
  knownKeys,
  metadataTypes,
  yamlAmbiguousValues,
  languageValid,
  libraryNameKnown,
  pipelineTagKnown,
  repoIdsValid,
  baseModelRelationValid,
  baseModelStated,
  gatedFieldsValid,
  modelIndexValid,
  // Evaluation results files (.eval_results/*.yaml) and benchmark eval.yaml.
  evalResultsValid,
  evalResultsFormat,
  benchmarkEvalValid,
  benchmarkEvalFormat,
  modelIndexValues,
  datasetMetadataValid,
  linkedDatasetsDeclared,
  // Cards: the text people read.
  hasDescription,
  requiredSections,
  noTemplatePlaceholders,
  noEmptySections,
  // The Hub: do the referenced repositories exist, and under which id and access.
  datasetExists,
  modelExists,
  canonicalId,
  repoAccess,
  baseModelFilesSafe,
  mirrorFilesSafe,
  // Licenses.
  licenseDeclared,
  licenseKnownId,
  licenseUmbrellaId,
  licenseNotUnknown,
  licenseOtherNeedsName,
  licenseOtherIsKnown,
  licenseFileMatchesCard,
  licenseFilePresent,
  licenseCompatibleWithBase,
  licenseBaseTermsKept,
  licenseAllowsDistribution,
  licenseTextMatchesMetadata,
  licenseTermsDescribed,
  licenseDatasetTerms,
  licenseLlamaNaming,
  // Weights: format, Git LFS, shards.
  preferSafetensors,
  pickleBesideSafetensors,
  pickleFile,
  // Inside pickle weights: what loading them would import and call.
  pickleCallsCode,
  pickleUnknownImport,
  pickleNotScanned,
  trainingLeftovers,
  useGitLfs,
  lfsSizeUnknown,
  gitattributesName,
  lfsPointerValid,
  shardsComplete,
  safetensorsHeaderValid,
  indexMatchesShards,
  // A complete release.
  configJsonValid,
  hasModelCard,
  weightsOnHub,
  weightsMissing,
  configPresent,
  adapterHasWeights,
  adapterBaseModel,
  configMatchesCard,
  configMatchesWeights,
  // Last: says which Hub lookups of the rules above could not be answered.
  hubUnreachable,
];

export const RULE_IDS: readonly string[] = RULES.map((r) => r.meta.id);

export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
