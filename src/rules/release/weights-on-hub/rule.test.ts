import { corpusCard, ruleTester } from "../../../../test/rule-tester.js";
import { pointer } from "../../../../test/weights-helpers.js";
import rule from "./rule.js";

const MEGA_CARD = [
  "---",
  "license: llama3.1",
  "---",
  "# Llama-3.1-8B-Computer-Networks",
  "",
  "The large safetensor model shards are not stored in this repository. Instead they are hosted on MEGA:",
  "",
  "- [model-00001-of-00006.safetensors:](https://mega.nz/file/rppWmDpS#X5utsf27)",
  "- [model-00002-of-00006.safetensors:](https://mega.nz/file/jkRDVapZ#QhG5Pl8m)",
  "",
].join("\n");

ruleTester(rule, {
  valid: [
    { name: "real card unsloth-meta-llama-3.1-70b-instruct-bnb-4bit (test/fixtures/corpus)", files: { "README.md": corpusCard("unsloth-meta-llama-3.1-70b-instruct-bnb-4bit") } },
    { name: "a demo video on Google Drive is not weights", files: { "README.md": "---\nlicense: mit\n---\n# M\n\n| *Demo on LM Studio* | https://drive.google.com/file/d/1CHdfjYr/view |\n", "config.json": "{}" } },
    { name: "the weights are in the release: the link is a mirror", files: { "README.md": MEGA_CARD, "model-00001-of-00006.safetensors": pointer() } },
    { name: "weights in a subfolder (diffusers layout) count too", files: { "README.md": MEGA_CARD, "unet/diffusion_pytorch_model.safetensors": pointer() } },
    { name: "a Hub link is not a file host", files: { "README.md": "---\nlicense: mit\n---\n# M\n\nWeights: https://huggingface.co/org/model/resolve/main/model.safetensors\n" } },
    { name: "a dataset card is not reviewed", files: { "README.md": "---\nlicense: mit\ntask_categories: [text-classification]\n---\n# D\n\nThe checkpoint and data: https://drive.google.com/drive/folders/abc\n" } },
    { name: "a host name inside another domain is not the host", files: { "README.md": "---\nlicense: mit\n---\n# M\n\nweights at https://notmega.nz.example.com/w.bin\n" } },
  ],
  invalid: [
    {
      name: "shards linked on MEGA, none in the release: one notice, on the first link",
      files: { "README.md": MEGA_CARD, "config.json": "{}" },
      findings: [{ path: "README.md", line: 8, message: "The card links the model's weights on MEGA, and the release holds no weight files: users must fetch them from outside the Hub." }],
    },
    {
      name: "one notice per host",
      files: {
        "models/x/README.md": "---\nlicense: mit\n---\n# X\n\nDownload the checkpoint: https://drive.google.com/file/d/abc\n\nOr the weights from https://www.dropbox.com/s/xyz/model.pth?dl=1\nAlso https://drive.google.com/file/d/def (weights, fp16)\n",
      },
      findings: [
        { path: "models/x/README.md", line: 6, message: "The card links the model's weights on Google Drive, and the release holds no weight files: users must fetch them from outside the Hub." },
        { path: "models/x/README.md", line: 8, message: "The card links the model's weights on Dropbox, and the release holds no weight files: users must fetch them from outside the Hub." },
      ],
    },
  ],
});

const linked = (host: string) => `The card links the model's weights on ${host}, and the release holds no weight files: users must fetch them from outside the Hub.`;

ruleTester(rule, {
  valid: [
    { name: "a model_card.md is not read, only README.md", files: { "model_card.md": MEGA_CARD } },
    { name: "words about weights without a link", files: { "README.md": "---\nlicense: mit\n---\n# M\n\nThe weights are on mega.nz, ask us.\n" } },
    { name: "weights in a folder beside the card's do not make it a mirror, but weights below it do", files: { "a/README.md": MEGA_CARD, "a/b/model.gguf": pointer() } },
  ],
  invalid: [
    {
      name: "the pull request removes the weights: the link is the only way left",
      pullRequest: true,
      files: { "README.md": MEGA_CARD, "model-00001-of-00006.safetensors": { content: { type: "removed" }, status: "removed" } },
      findings: [{ path: "README.md", line: 8, message: linked("MEGA") }],
    },
    {
      name: "three hosts on one line, a host written in capitals: one finding each, on that line",
      files: { "README.md": "---\nlicense: mit\n---\n# M\n\nCheckpoint: https://MEGA.NZ/file/x or https://Drive.Google.com/file/d/y and https://pan.baidu.com/s/z\n" },
      findings: [
        { line: 6, message: linked("MEGA") },
        { line: 6, message: linked("Google Drive") },
        { line: 6, message: linked("Baidu Netdisk") },
      ],
    },
    {
      name: "weights in a sibling folder are not this card's",
      files: { "a/README.md": MEGA_CARD, "b/model.safetensors": pointer() },
      findings: [{ path: "a/README.md", line: 8, message: linked("MEGA") }],
    },
    {
      name: "each file host of the list, named",
      files: {
        "README.md": [
          "---",
          "license: mit",
          "---",
          "# M",
          "model.bin: https://onedrive.live.com/x",
          "model.bin: https://1drv.ms/u/s!x",
          "model.pth: https://www.mediafire.com/file/x",
          "model.ckpt: https://we.tl/t-x",
          "model.gguf: https://wetransfer.com/downloads/x",
          "model.onnx: https://dl.dropboxusercontent.com/s/x",
          "state_dict: https://docs.google.com/uc?id=x",
          "",
        ].join("\n"),
      },
      findings: [
        { line: 5, message: linked("OneDrive") },
        { line: 7, message: linked("MediaFire") },
        { line: 8, message: linked("WeTransfer") },
        { line: 10, message: linked("Dropbox") },
        { line: 11, message: linked("Google Drive") },
      ],
    },
  ],
});

ruleTester(rule, {
  valid: [{ name: "a card whose only link is a demo", files: { "README.md": "---\nlicense: mit\n---\n# M\nDemo: https://mega.nz/file/x" } }],
  invalid: [
    {
      name: "a link on the card's last line, without a newline after it",
      files: { "README.md": "---\nlicense: mit\n---\n# M\nweights: https://mega.nz/file/x" },
      findings: [
        {
          line: 5,
          message: linked("MEGA"),
          hint: "Upload the weights to this repository (with Git LFS, or `hf upload <repo-id> .` from the release folder) and keep the file-host link only as a mirror, if at all.",
        },
      ],
    },
  ],
});
