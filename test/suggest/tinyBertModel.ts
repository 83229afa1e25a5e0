// Writes a tiny BERT-shaped feature-extraction model that transformers.js can load from a local folder:
// an ONNX graph (written with onnx-proto), config.json, tokenizer.json (WordPiece) and tokenizer_config.json.
// The graph is an embedding lookup plus a masked mean over the sequence, so every token's output (and hence
// the CLS vector) depends on the whole text: deterministic, fast, and exercised through the real pipeline.
import fs from 'node:fs';
import path from 'node:path';
import onnxProto from 'onnx-proto';
// Seeded, so the weights (and every vector) are the same on every run.
import { mulberry32 } from '../../bench/synthetic.js';

const { onnx } = onnxProto;

export const TINY_MODEL_ID = 'crosswalk-test/tiny-bert';
export const TINY_DIMENSION = 16;
export const TINY_RERANKER_ID = 'crosswalk-test/tiny-cross-encoder';
/** Wide enough that a word's vector with itself outweighs the chance products of different words. */
export const TINY_RERANKER_DIMENSION = 64;

const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;
const WORDS = (
  'ai risk risks assessment assess impact impacts system systems data quality security privacy policy policies management ' +
  'monitoring monitor supplier suppliers third party incident incidents training competence documented information ' +
  'documentation record records review audit internal objective objectives leadership roles responsibilities ' +
  'human oversight transparency fairness bias test testing validation verification control controls the of and for ' +
  'to a in on with is are be personal processing access log logs change changes context scope interested parties'
).split(' ');
const SUBWORDS = ['##s', '##ing', '##ed', '##ion', '##al', '##ly', '##er'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');

export const TINY_VOCAB: string[] = [...new Set([...SPECIAL, ...WORDS, ...SUBWORDS, ...LETTERS, ...LETTERS.map((l) => `##${l}`), '.', ',', '-', '(', ')', ':'])];

const { DataType } = onnx.TensorProto;

const tensorInfo = (name: string, elemType: number, dims: Array<string | number>) =>
  onnx.ValueInfoProto.create({
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) } } },
  });

const node = (opType: string, input: string[], output: string[], attribute: onnxProto.onnx.IAttributeProto[] = []) =>
  onnx.NodeProto.create({ opType, input, output, name: `${opType}_${output[0]}`, attribute });

/** What a BERT tokenizer hands the model, one id per token. */
const BERT_INPUTS = ['input_ids', 'attention_mask', 'token_type_ids'] as const;

/** The ONNX bytes of the tiny model. */
export function tinyBertOnnx({ dimension = TINY_DIMENSION, seed = 42 } = {}): Uint8Array {
  const random = mulberry32(seed);
  const weights = (n: number) => Array.from({ length: n }, () => random() * 2 - 1);
  const graph = onnx.GraphProto.create({
    name: 'tiny_bert',
    input: BERT_INPUTS.map((name) => tensorInfo(name, DataType.INT64, ['batch_size', 'sequence_length'])),
    output: [tensorInfo('last_hidden_state', DataType.FLOAT, ['batch_size', 'sequence_length', dimension])],
    initializer: [
      onnx.TensorProto.create({ name: 'word_embeddings', dataType: DataType.FLOAT, dims: [TINY_VOCAB.length, dimension], floatData: weights(TINY_VOCAB.length * dimension) }),
      onnx.TensorProto.create({ name: 'token_type_embeddings', dataType: DataType.FLOAT, dims: [2, dimension], floatData: weights(2 * dimension) }),
      onnx.TensorProto.create({ name: 'axis_sequence', dataType: DataType.INT64, dims: [1], int64Data: [1] }),
      onnx.TensorProto.create({ name: 'axis_last', dataType: DataType.INT64, dims: [1], int64Data: [-1] }),
    ],
    node: [
      node('Gather', ['word_embeddings', 'input_ids'], ['tokens']),
      node('Gather', ['token_type_embeddings', 'token_type_ids'], ['types']),
      node('Add', ['tokens', 'types'], ['embedded']),
      node('Cast', ['attention_mask'], ['mask_float'], [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: DataType.FLOAT }]),
      node('Unsqueeze', ['mask_float', 'axis_last'], ['mask']),
      node('Mul', ['embedded', 'mask'], ['masked']),
      node('ReduceSum', ['masked', 'axis_sequence'], ['summed'], [{ name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 1 }]),
      node('ReduceSum', ['mask', 'axis_sequence'], ['count'], [{ name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 1 }]),
      node('Div', ['summed', 'count'], ['mean']),
      node('Add', ['masked', 'mean'], ['last_hidden_state']),
    ],
  });
  const model = onnx.ModelProto.create({ irVersion: 8, producerName: 'crosswalk-tests', opsetImport: [{ domain: '', version: 13 }], graph });
  return onnx.ModelProto.encode(model).finish();
}

/**
 * The ONNX bytes of a tiny cross-encoder (BertForSequenceClassification-shaped, one logit): the mean embedding of the
 * first segment (token type 0) dotted with the mean embedding of the second (token type 1). Passages that share words
 * with the query score higher, so a test can tell a working rerank from a broken one.
 */
export function tinyCrossEncoderOnnx({ dimension = TINY_RERANKER_DIMENSION, seed = 7 } = {}): Uint8Array {
  const random = mulberry32(seed);
  const weights = (n: number) => Array.from({ length: n }, () => random() * 2 - 1);
  const keepdims = (value: number) => [{ name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: value }];
  const toFloat = [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: DataType.FLOAT }];
  const segmentMean = (mask: string) => [
    node('Unsqueeze', [mask, 'axis_last'], [`${mask}_3d`]),
    node('Mul', ['tokens', `${mask}_3d`], [`${mask}_tokens`]),
    node('ReduceSum', [`${mask}_tokens`, 'axis_sequence'], [`${mask}_sum`], keepdims(0)),
    node('ReduceSum', [`${mask}_3d`, 'axis_sequence'], [`${mask}_count`], keepdims(0)),
    node('Add', [`${mask}_count`, 'epsilon'], [`${mask}_safe_count`]),
    node('Div', [`${mask}_sum`, `${mask}_safe_count`], [`${mask}_mean`]),
  ];
  const graph = onnx.GraphProto.create({
    name: 'tiny_cross_encoder',
    input: BERT_INPUTS.map((name) => tensorInfo(name, DataType.INT64, ['batch_size', 'sequence_length'])),
    output: [tensorInfo('logits', DataType.FLOAT, ['batch_size', 1])],
    initializer: [
      onnx.TensorProto.create({ name: 'word_embeddings', dataType: DataType.FLOAT, dims: [TINY_VOCAB.length, dimension], floatData: weights(TINY_VOCAB.length * dimension) }),
      onnx.TensorProto.create({ name: 'axis_sequence', dataType: DataType.INT64, dims: [1], int64Data: [1] }),
      onnx.TensorProto.create({ name: 'axis_last', dataType: DataType.INT64, dims: [1], int64Data: [-1] }),
      onnx.TensorProto.create({ name: 'epsilon', dataType: DataType.FLOAT, dims: [], floatData: [1e-6] }),
    ],
    node: [
      node('Gather', ['word_embeddings', 'input_ids'], ['tokens']),
      node('Cast', ['attention_mask'], ['mask'], toFloat),
      node('Cast', ['token_type_ids'], ['types'], toFloat),
      node('Mul', ['mask', 'types'], ['second']),
      node('Sub', ['mask', 'second'], ['first']),
      ...segmentMean('first'),
      ...segmentMean('second'),
      node('Mul', ['first_mean', 'second_mean'], ['products']),
      node('ReduceSum', ['products', 'axis_last'], ['logits'], keepdims(1)),
    ],
  });
  const model = onnx.ModelProto.create({ irVersion: 8, producerName: 'crosswalk-tests', opsetImport: [{ domain: '', version: 13 }], graph });
  return onnx.ModelProto.encode(model).finish();
}

function tokenizerJson() {
  const id = (token: string) => TINY_VOCAB.indexOf(token);
  const special = (token: string) => ({ id: token, type_id: 0 });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map((content) => ({ id: id(content), content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: special('[CLS]') }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: special('[SEP]') }],
      pair: [
        { SpecialToken: special('[CLS]') },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: special('[SEP]') },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [id('[CLS]')], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [id('[SEP]')], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: Object.fromEntries(TINY_VOCAB.map((t, i) => [t, i])) },
  };
}

/**
 * Writes the feature-extraction model to `<modelDir>/<modelId>/` in the layout transformers.js reads locally
 * (`onnx/model.onnx` for dtype fp32, `onnx/model_quantized.onnx` for q8 — here the same fp32 graph).
 */
export function writeTinyBertModel(modelDir: string, { modelId = TINY_MODEL_ID, dimension = TINY_DIMENSION, seed = 42 } = {}): string {
  return writeModelFolder(modelDir, modelId, tinyBertOnnx({ dimension, seed }), { architectures: ['BertModel'], hidden_size: dimension });
}

/** The tiny cross-encoder, in the same layout, with a config that names a sequence-classification head of one label. */
export function writeTinyCrossEncoder(modelDir: string, { modelId = TINY_RERANKER_ID, dimension = TINY_RERANKER_DIMENSION, seed = 7 } = {}): string {
  return writeModelFolder(modelDir, modelId, tinyCrossEncoderOnnx({ dimension, seed }), {
    architectures: ['BertForSequenceClassification'],
    hidden_size: dimension,
    id2label: { 0: 'LABEL_0' },
    label2id: { LABEL_0: 0 },
  });
}

function writeModelFolder(modelDir: string, modelId: string, bytes: Uint8Array, config: { architectures: string[]; hidden_size: number } & Record<string, unknown>): string {
  const dir = path.join(modelDir, ...modelId.split('/'));
  fs.mkdirSync(path.join(dir, 'onnx'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'onnx', 'model.onnx'), bytes);
  fs.writeFileSync(path.join(dir, 'onnx', 'model_quantized.onnx'), bytes);
  fs.writeFileSync(
    path.join(dir, 'config.json'),
    JSON.stringify({ model_type: 'bert', vocab_size: TINY_VOCAB.length, num_attention_heads: 1, num_hidden_layers: 1, intermediate_size: config.hidden_size, max_position_embeddings: 512, type_vocab_size: 2, pad_token_id: 0, ...config }, null, 2),
  );
  fs.writeFileSync(path.join(dir, 'tokenizer.json'), JSON.stringify(tokenizerJson()));
  fs.writeFileSync(
    path.join(dir, 'tokenizer_config.json'),
    JSON.stringify({ tokenizer_class: 'BertTokenizer', do_lower_case: true, model_max_length: 512, cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]', unk_token: '[UNK]', mask_token: '[MASK]', clean_up_tokenization_spaces: true }, null, 2),
  );
  return dir;
}
