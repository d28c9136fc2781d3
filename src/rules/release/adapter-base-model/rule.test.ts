import { describe, expect, it } from "vitest";
import { corpusCard, ruleTester, runRule } from "../../../../test/rule-tester.js";
import { plain } from "../../../core/text.js";
import rule from "./rule.js";

const adapter = (base: string) => JSON.stringify({ peft_type: "LORA", r: 16, base_model_name_or_path: base, task_type: "CAUSAL_LM" }, null, 2);
const card = (yaml: string) => `---\nlicense: llama3.1\n${yaml}---\n# Adapter\n`;

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "card names the base", files: { "a/adapter_config.json": adapter("meta-llama/Llama-3.1-8B"), "a/README.md": card("base_model: meta-llama/Llama-3.1-8B\n") } },
    { name: "a list containing the base", files: { "adapter_config.json": adapter("a/b"), "README.md": card("base_model:\n- a/b\n") } },
    { name: "no card in the review", files: { "adapter_config.json": adapter("a/b") } },
    { name: "not JSON", files: { "adapter_config.json": "{", "README.md": card("") } },
    { name: "a broken metadata block is the YAML rules' to report", files: { "adapter_config.json": adapter("a/b"), "README.md": "---\nlicense: [mit\n---\n# A\n" } },
  ],
  invalid: [
    {
      name: "card has no base_model: a fix adds it",
      files: { "a/adapter_config.json": adapter("meta-llama/Llama-3.1-8B"), "a/README.md": card("tags: [lora]\n") },
      output: "---\nlicense: llama3.1\ntags: [lora]\nbase_model: meta-llama/Llama-3.1-8B\n---\n# Adapter\n",
      findings: [{ path: "a/README.md", line: 4, message: "`a/adapter_config.json` adapts `meta-llama/Llama-3.1-8B`, but the card names no `base_model`.", hint: "Add `base_model: meta-llama/Llama-3.1-8B` to the metadata." }],
    },
    {
      name: "a card with no metadata block at all (a GitHub README)",
      files: { "adapter_config.json": adapter("TinyLlama/TinyLlama-1.1B-Chat-v1.0"), "README.md": "# My LoRA\n\nFine-tuned with PEFT.\n" },
      findings: [{ path: "README.md", line: 1, message: "`adapter_config.json` adapts `TinyLlama/TinyLlama-1.1B-Chat-v1.0`, but the card has no metadata block, so it names no `base_model` and the Hub cannot link the adapter to its base.", hint: "Start the card with a metadata block that names the base: `---`, `base_model: TinyLlama/TinyLlama-1.1B-Chat-v1.0`, `---`." }],
    },
    {
      name: "card names another base",
      files: { "adapter_config.json": adapter("mistralai/Mistral-7B-v0.1"), "README.md": card("base_model: meta-llama/Llama-3.1-8B\n") },
      findings: [{ line: 3, message: "`adapter_config.json` adapts `mistralai/Mistral-7B-v0.1`, but the card's `base_model` says `meta-llama/Llama-3.1-8B`." }],
    },
    {
      name: "a local path in adapter_config.json",
      files: { "adapter_config.json": adapter("/home/me/checkpoints/llama"), "README.md": card("") },
      findings: [
        {
          path: "adapter_config.json",
          line: 4,
          message: "`base_model_name_or_path` is `/home/me/checkpoints/llama`: it is a local path, not a Hub repository id, so nobody else can load the adapter's base model.",
          hint: "Set it to the Hub id of the model that was in the folder `llama` (the Hub id is `owner/name`: find the repository that model was downloaded from), and name the same id in the card's `base_model`.",
        },
      ],
    },
  ],
});

describe("release/adapter-base-model fix", () => {
  it("adds base_model before the closing fence, keeping CRLF", async () => {
    const [f] = await runRule(rule, {
      name: "fix",
      files: { "adapter_config.json": adapter("a/b"), "README.md": "---\r\nlicense: mit\r\n---\r\n# A\r\n" },
    });
    expect(f?.fix).toEqual({ line: 3, endLine: 3, replacement: "base_model: a/b\r\n---" });
  });
});

describe("release/adapter-base-model and the card's own code", () => {
  const withCode = (body: string) => `---\nlicense: llama2\nbase_model: a/b\n---\n# Adapter\n\n\`\`\`python\n${body}\`\`\`\n`;
  const run = (body: string) => runRule(rule, { name: "snippet", files: { "adapter_config.json": adapter("a/b"), "README.md": withCode(body) } });

  it("says, as a notice, that the code loads the adapter on another base (through a name)", async () => {
    const findings = await run('model_name = "meta-llama/Llama-2-7b-hf"\nbase = AutoModelForCausalLM.from_pretrained(model_name)\nmodel = PeftModel.from_pretrained(base, "./checkpoint-250")\n');
    expect(findings.map((f) => [f.line, f.severity, f.title, plain(f.message)])).toEqual([
      [8, "notice", "The card's code loads the adapter on another base", "The card's code loads the adapter on `meta-llama/Llama-2-7b-hf`, but `adapter_config.json` says it was trained on `a/b`: one of the two is wrong about the base."],
    ]);
  });
  it("says nothing when the code loads the adapter's own base (in any case)", async () => {
    expect(await run('base = AutoModelForCausalLM.from_pretrained("A/B")\nmodel = PeftModel.from_pretrained(base, "me/lora")\n')).toEqual([]);
  });
  it("does not read a snippet without PeftModel (a merged model), or a local path", async () => {
    expect(await run('model = AutoModelForCausalLM.from_pretrained("me/merged")\n')).toEqual([]);
    expect(await run('base = AutoModelForCausalLM.from_pretrained("./base")\nmodel = PeftModel.from_pretrained(base, "me/lora")\n')).toEqual([]);
  });
});

describe("release/adapter-base-model, what the adapter config says", () => {
  const review = (config: string, readme = card("")) => runRule(rule, { name: "config", files: { "adapter_config.json": config, "README.md": readme } });
  const summary = (findings: Awaited<ReturnType<typeof review>>) => findings.map((f) => [f.path, f.line, plain(f.message), plain(f.hint ?? [])]);
  const noBase = (id: string) => "`adapter_config.json` adapts `" + id + "`, but the card names no `base_model`.";

  it("reads nothing from a config that is JSON null, names no base, or names it with a number or an empty string", async () => {
    expect(await review("null")).toEqual([]);
    expect(await review('{"peft_type": "LORA"}')).toEqual([]);
    expect(await review('{"base_model_name_or_path": 7}')).toEqual([]);
    expect(await review('{"base_model_name_or_path": ""}')).toEqual([]);
  });

  it("points at the line of the key, counting CRLF and CR line ends, and at line 1 when the key is written escaped", async () => {
    const crlf = await review('{\r\n  "r": 8,\r\n  "base_model_name_or_path": "a/b"\r\n}');
    expect(crlf.map((f) => [f.path, f.line])).toEqual([["README.md", 3]]);
    const cr = await review('{\r"base_model_name_or_path": "./ckpt"\r}');
    expect(cr.map((f) => [f.path, f.line])).toEqual([["adapter_config.json", 2]]);
    const escaped = await review('{"r": 8,\n"base\\u005fmodel_name_or_path": "./ckpt"}');
    expect(escaped.map((f) => [f.path, f.line])).toEqual([["adapter_config.json", 1]]);
  });

  it("names the local folder of a Windows path, and skips . and .. segments", async () => {
    expect(summary(await review(JSON.stringify({ base_model_name_or_path: "C:\\models\\llama-7b" })))).toEqual([
      [
        "adapter_config.json",
        1,
        "`base_model_name_or_path` is `C:\\models\\llama-7b`: it is a local path, not a Hub repository id, so nobody else can load the adapter's base model.",
        "Set it to the Hub id of the model that was in the folder `llama-7b` (the Hub id is `owner/name`: find the repository that model was downloaded from), and name the same id in the card's `base_model`.",
      ],
    ]);
    const [dots] = summary(await review(JSON.stringify({ base_model_name_or_path: "./ckpt/base/./" })));
    expect(dots?.[3]).toBe("Set it to the Hub id of the model that was in the folder `base` (the Hub id is `owner/name`: find the repository that model was downloaded from), and name the same id in the card's `base_model`.");
  });

  it("gives the plain hint when the value names no folder: only .. segments, or a description without a slash", async () => {
    const plainHint = "Set it to the Hub id of the base model (`owner/name`, as on its Hub page), and name the same id in the card's `base_model`.";
    expect(summary(await review(JSON.stringify({ base_model_name_or_path: "../.." })))).toEqual([
      ["adapter_config.json", 1, "`base_model_name_or_path` is `../..`: it is a local path, not a Hub repository id, so nobody else can load the adapter's base model.", plainHint],
    ]);
    expect(summary(await review(JSON.stringify({ base_model_name_or_path: "llama 7b" })))).toEqual([
      ["adapter_config.json", 1, "`base_model_name_or_path` is `llama 7b`: it contains spaces: a description rather than an id, so nobody else can load the adapter's base model.", plainHint],
    ]);
  });

  it("compares the card with the id a Hub address stands for", async () => {
    expect(await review(adapter("https://huggingface.co/a/b"), card("base_model: a/b\n"))).toEqual([]);
    expect(summary(await review(adapter("https://huggingface.co/a/b")))).toEqual([["README.md", 3, noBase("a/b"), "Add `base_model: a/b` to the metadata."]]);
  });

  it("reads only a model card in the adapter's own folder", async () => {
    const findings = await runRule(rule, { name: "folders", files: { "lora/adapter_config.json": adapter("a/b"), "README.md": card(""), "lora/README.md": card("base_model: a/b\n") } });
    expect(findings).toEqual([]);
  });
});

describe("release/adapter-base-model, which code in the card it reads", () => {
  const withCode = (blocks: string) => `---\nlicense: llama2\nbase_model: a/b\n---\n# Adapter\n\n${blocks}`;
  const run = (blocks: string) => runRule(rule, { name: "snippet", files: { "adapter_config.json": adapter("a/b"), "README.md": withCode(blocks) } });
  const notice = (other: string, line: number) => [line, `The card's code loads the adapter on \`${other}\`, but \`adapter_config.json\` says it was trained on \`a/b\`: one of the two is wrong about the base.`];
  const lines = (findings: Awaited<ReturnType<typeof run>>) => findings.map((f) => [f.line, plain(f.message)]);
  const peft = 'model = PeftModel.from_pretrained(base, "me/lora")\n';

  it("reads a block fenced with tildes, and an indented fence", async () => {
    expect(lines(await run(`~~~python\nbase = AutoModelForCausalLM.from_pretrained("x/other")\n${peft}~~~\n`))).toEqual([notice("x/other", 8)]);
    expect(lines(await run(`  \`\`\`python\n  base = AutoModelForCausalLM.from_pretrained("x/other")\n  ${peft}  \`\`\`\n`))).toEqual([notice("x/other", 8)]);
  });

  it("goes on past a block without PeftModel to the next block, and reads the lines between blocks as prose", async () => {
    const blocks = '```bash\npip install peft\n```\n\nbase = AutoModelForCausalLM.from_pretrained("x/prose")\nmodel = PeftModel.from_pretrained(base, "me/lora")\n\n```python\nbase = AutoModelForCausalLM.from_pretrained("x/other")\n' + peft + "```\n";
    expect(lines(await run(blocks))).toEqual([notice("x/other", 15)]);
  });

  it("reads no block that is never closed", async () => {
    expect(await run(`\`\`\`python\nbase = AutoModelForCausalLM.from_pretrained("x/other")\n${peft}`)).toEqual([]);
  });

  it("takes the first base the block loads", async () => {
    expect(lines(await run(`\`\`\`python\nbase = AutoModelForCausalLM.from_pretrained("x/first")\nagain = AutoModelForCausalLM.from_pretrained("x/second")\n${peft}\`\`\`\n`))).toEqual([notice("x/first", 8)]);
  });

  it("knows a model class by AutoModel…, by …For…, or by …Model, and not a tokenizer or PeftModel itself", async () => {
    for (const receiver of ["AutoModelWithLMHead", "LlamaForCausalLM", "LlamaModel"]) {
      expect(lines(await run(`\`\`\`python\nbase = ${receiver}.from_pretrained("x/other")\n${peft}\`\`\`\n`)), receiver).toEqual([notice("x/other", 8)]);
    }
    expect(await run(`\`\`\`python\ntok = AutoTokenizer.from_pretrained("x/other")\n${peft}\`\`\`\n`)).toEqual([]);
    expect(await run('```python\nmodel = PeftModel.from_pretrained("x/other", "me/lora")\n```\n')).toEqual([]);
  });

  it("reads the id given as pretrained_model_name_or_path=, or through a name assigned it, but not a name assigned a local path", async () => {
    expect(lines(await run(`\`\`\`python\nbase = AutoModelForCausalLM.from_pretrained(pretrained_model_name_or_path="x/other")\n${peft}\`\`\`\n`))).toEqual([notice("x/other", 8)]);
    expect(lines(await run(`\`\`\`python\nname = 'x/other'\nbase = AutoModelForCausalLM.from_pretrained(name, torch_dtype="auto")\n${peft}\`\`\`\n`))).toEqual([notice("x/other", 8)]);
    expect(await run(`\`\`\`python\nname = "./base"\nbase = AutoModelForCausalLM.from_pretrained(name)\n${peft}\`\`\`\n`)).toEqual([]);
    expect(await run(`\`\`\`python\nbase = AutoModelForCausalLM.from_pretrained(unknown_name)\n${peft}\`\`\`\n`)).toEqual([]);
  });

  it("reads a code line of 2,000 characters, not a longer one", async () => {
    const load = 'base = AutoModelForCausalLM.from_pretrained("x/other")';
    const padded = (length: number) => load + " ".repeat(length - load.length);
    expect(lines(await run(`\`\`\`python\n${padded(2000)}\n${peft}\`\`\`\n`))).toEqual([notice("x/other", 8)]);
    expect(await run(`\`\`\`python\n${padded(2001)}\n${peft}\`\`\`\n`)).toEqual([]);
  });

  it("says both what the code loads and that the card names no base", async () => {
    const findings = await runRule(rule, {
      name: "both",
      files: { "adapter_config.json": adapter("a/b"), "README.md": `---\nlicense: mit\n---\n\n\`\`\`python\nbase = AutoModelForCausalLM.from_pretrained("x/other")\n${peft}\`\`\`\n` },
    });
    expect(findings.map((f) => [f.line, f.severity])).toEqual([
      [3, "warning"],
      [6, "notice"],
    ]);
  });
});

describe("release/adapter-base-model, which files and cards it reads", () => {
  const run = (files: Record<string, string>) => runRule(rule, { name: "files", files });
  const peft = 'model = PeftModel.from_pretrained(base, "me/lora")\n';
  const summary = (findings: Awaited<ReturnType<typeof run>>) => findings.map((f) => [f.path, f.line, plain(f.message), plain(f.hint ?? [])]);

  it("reads base_model_name_or_path only in adapter_config.json, not in config.json", async () => {
    expect(await run({ "config.json": JSON.stringify({ base_model_name_or_path: "./local" }), "README.md": card("") })).toEqual([]);
  });

  it("compares the adapter with a model card only, not a dataset card in its folder", async () => {
    expect(await run({ "adapter_config.json": adapter("a/b"), "README.md": "---\nlicense: mit\ntask_categories: [text-classification]\n---\n# D\n" })).toEqual([]);
  });

  it("gives the plain hint, not a folder's, for an id with too many parts", async () => {
    expect(summary(await run({ "adapter_config.json": adapter("org/models/llama"), "README.md": card("") }))).toEqual([
      [
        "adapter_config.json",
        4,
        "`base_model_name_or_path` is `org/models/llama`: an id has at most one `/` (`namespace/name`), so nobody else can load the adapter's base model.",
        "Set it to the Hub id of the base model (`owner/name`, as on its Hub page), and name the same id in the card's `base_model`.",
      ],
    ]);
  });

  it("says why a Hub address of a dataset is no base model, without speaking of a folder", async () => {
    expect(summary(await run({ "adapter_config.json": adapter("https://huggingface.co/datasets/a/b"), "README.md": card("") }))).toEqual([
      [
        "adapter_config.json",
        4,
        "`base_model_name_or_path` is `https://huggingface.co/datasets/a/b`: it is an address, not a model id, so nobody else can load the adapter's base model.",
        "Set it to the Hub id of the base model (`owner/name`, as on its Hub page), and name the same id in the card's `base_model`.",
      ],
    ]);
  });

  it("names every base the card lists when none is the adapter's, with the hint to make them agree", async () => {
    expect(summary(await run({ "adapter_config.json": adapter("a/b"), "README.md": card("base_model:\n- c/d\n- e/f\n") }))).toEqual([
      ["README.md", 3, "`adapter_config.json` adapts `a/b`, but the card's `base_model` says `c/d, e/f`.", "Make the two agree: the card should name the model the adapter was trained on."],
    ]);
  });

  it("gives the notice's hint, reads a closing fence on the card's last line, and not a fence in the middle of a line", async () => {
    const body = `---\nlicense: mit\nbase_model: a/b\n---\nFences like \`\`\` open nothing here.\n\`\`\`python\nbase = AutoModelForCausalLM.from_pretrained("x/other")\n${peft}\`\`\``;
    expect(summary(await run({ "adapter_config.json": adapter("a/b"), "README.md": body }))).toEqual([
      [
        "README.md",
        7,
        "The card's code loads the adapter on `x/other`, but `adapter_config.json` says it was trained on `a/b`: one of the two is wrong about the base.",
        "Load the adapter on the model it was trained on, and make the card's code, its `base_model` and `base_model_name_or_path` name the same id.",
      ],
    ]);
  });

  it("reads no base from a call whose arguments start on the next line", async () => {
    const body = `---\nlicense: mit\nbase_model: a/b\n---\n\`\`\`python\nbase = AutoModelForCausalLM.from_pretrained(\n    "x/other",\n)\n${peft}\`\`\`\n`;
    expect(await run({ "adapter_config.json": adapter("a/b"), "README.md": body })).toEqual([]);
  });
});
