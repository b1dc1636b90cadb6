/**
 * Tag tables of nested XML records (registry-invoice `ZAP`, `PERS` …) as data, with the TypeScript shape of a
 * record inferred from them: each element a leaf of a federal type (`T` text of at most `size` characters,
 * `N` a number of at most `size` digits with `scale` decimals, `D` a `YYYY-MM-DD` date) or a group of child
 * elements, in the order the format fixes, each occurring once, optionally, any number of times or at least
 * once. Readers check a record against its table (F012 901 order/unknown/missing tag, 902 empty required
 * value, 903 type) and hand on the record as the inferred shape: leaves as the text sent (trimmed), repeated
 * elements as arrays, absent optional elements absent. Pure data and types: no I/O.
 */

export type Occurs = 'one' | 'opt' | 'many' | 'some';
export type LeafType = 'T' | 'N' | 'D';

export interface LeafNode<O extends Occurs = Occurs> {
  readonly node: 'leaf';
  readonly occurs: O;
  readonly type: LeafType;
  /** `T`: characters; `N`: digits of the integer part plus `scale`; `D`: 10. */
  readonly size: number;
  /** `N`: digits after the point (0 for integers). */
  readonly scale: number;
}

export interface GroupNode<C extends Children = Children, O extends Occurs = Occurs> {
  readonly node: 'group';
  readonly occurs: O;
  readonly children: C;
}

export type TreeNode = LeafNode | GroupNode;
export type Children = { readonly [tag: string]: TreeNode };

type Wrap<T, O extends Occurs> = O extends 'one' | 'opt' ? T : T[];
type ValueOf<N> =
  N extends LeafNode<infer O>
    ? Wrap<string, O>
    : N extends GroupNode<infer C, infer O>
      ? Wrap<Shape<C>, O>
      : never;
type OptionalKeys<C extends Children> = { [K in keyof C]: C[K]['occurs'] extends 'opt' ? K : never }[keyof C];

/** The record a group's children make: required leaves as strings, optional ones optional, repeats arrays. */
export type Shape<C extends Children> = {
  -readonly [K in Exclude<keyof C, OptionalKeys<C>>]: ValueOf<C[K]>;
} & { -readonly [K in OptionalKeys<C>]?: ValueOf<C[K]> };

/** The record of a group node. */
export type RecordOf<G extends GroupNode> = Shape<G['children']>;

const leaf = (type: LeafType, size: number, scale = 0): LeafNode<'one'> => ({
  node: 'leaf',
  occurs: 'one',
  type,
  size,
  scale,
});

/** Text of at most `size` characters. */
export const T = (size: number) => leaf('T', size);
/** A number of at most `size` digits in all, `scale` of them after the point. */
export const N = (size: number, scale = 0) => leaf('N', size, scale);
/** A date, `YYYY-MM-DD`. */
export const D = () => leaf('D', 10);
/** A group of child elements in this order. */
export const group = <C extends Children>(children: C): GroupNode<C, 'one'> => ({
  node: 'group',
  occurs: 'one',
  children,
});

type Reoccur<N extends TreeNode, O extends Occurs> =
  N extends GroupNode<infer C> ? GroupNode<C, O> : LeafNode<O>;
const reoccur =
  <O extends Occurs>(occurs: O) =>
  <N extends TreeNode>(node: N): Reoccur<N, O> =>
    ({ ...node, occurs }) as unknown as Reoccur<N, O>;

/** May be absent (0..1). */
export const opt = reoccur('opt');
/** Any number of times (0..n), an array. */
export const many = reoccur('many');
/** At least once (1..n), an array. */
export const some = reoccur('some');
