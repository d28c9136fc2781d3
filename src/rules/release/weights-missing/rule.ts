import { defineRule, type RuleContext } from "../../../core/rule.js";
import { joinText, prose, text, type Text } from "../../../core/text.js";
import { classifyPath, dirname, foldersHolding } from "../../../parse/classify.js";
import { describeModelFile } from "../../../parse/model-config.js";

/**
 * Every file of the release, when the review can know them all: a folder
 * review lists the checkout (the repository port lists it whole); a pull
 * request's port cannot, and then undefined.
 */
async function allPaths(context: RuleContext): Promise<readonly string[] | undefined> {
  if (context.repo?.filesUnder) return context.repo.filesUnder("");
  if (!context.repo && context.workspace.source === "folder") return context.files.filter((f) => f.status !== "removed").map((f) => f.path);
  return undefined;
}

const within = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);

function codeList(items: readonly string[]): Text {
  return joinText(items.map((i) => text`${i}`), ", ");
}

export default defineRule({
  meta: {
    id: "release/weights-missing",
    title: "Model configuration without weights",
    description: "A folder whose `config.json` or `model_index.json` describes a model also holds the model's weights, in it or below it.",
    why:
      "`from_pretrained` reads the configuration and then loads the weights saved beside it. A release that holds only the configuration cannot be loaded: users get an error, and the Hub's page shows a model that is not there.",
    defaultSeverity: "warning",
  },
  async check(context) {
    const configs = context.files.flatMap((f) => {
      const model = f.status === "removed" ? undefined : describeModelFile(f);
      return model ? [{ path: f.path, model }] : [];
    });
    if (configs.length === 0) return;
    const paths = await allPaths(context);
    if (!paths) return; // which files the release holds is not known: say nothing rather than guess
    const present = new Set(paths);
    // The folders that hold a weight file or a shard index, directly or below.
    const withWeights = foldersHolding(
      paths.filter((p) => {
        const kind = classifyPath(p);
        return kind === "weights" || kind === "weights-index";
      }),
    );
    for (const { path: configPath, model } of configs) {
      await context.checkpoint();
      const dir = dirname(configPath);
      if (withWeights.has(dir)) continue;
      // An adapter's folder: release/adapter-has-weights speaks. A pipeline's component: its model_index.json does.
      if (present.has(within(dir, "adapter_config.json"))) continue;
      if (model.library === "transformers" && dir !== "" && present.has(within(dirname(dir), "model_index.json"))) continue;
      const where = dir === "" ? prose("the repository root") : text`${dir}`;
      if (model.library === "diffusers") {
        // The components saved as models carry a config.json in their folder; tokenizers and schedulers do not.
        const models = model.components.filter((c) => present.has(within(dir, `${c}/config.json`)));
        context.report({
          path: configPath,
          line: 1,
          message: text`${configPath} describes a ${model.pipeline} pipeline${models.length > 0 ? text` whose models (${codeList(models)}) have only their ${"config.json"}` : []}, but no weight file is in ${where} or below it: the pipeline cannot be loaded.`,
          hint: prose(
            "Commit the weights the pipeline's `save_pretrained` writes into each model's folder (`diffusion_pytorch_model.safetensors`, `model.safetensors`), through Git LFS. If they are published in another Hub repository, link it in the card instead of copying the configuration.",
          ),
        });
        continue;
      }
      context.report({
        path: configPath,
        line: 1,
        message: text`${configPath} describes a ${model.architecture ? text`${model.architecture} ` : []}model, but no weight file is in ${where} or below it: ${"from_pretrained"} has nothing to load.`,
        hint: prose(
          "Commit the weights `save_pretrained` writes beside `config.json` (`model.safetensors`, or its shards and index), through Git LFS. If they are published in another Hub repository, link it in the card instead of copying the configuration.",
        ),
      });
    }
  },
});
