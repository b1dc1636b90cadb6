/**
 * A server type as it arrives over JSON: `Date` fields are ISO strings (`JSON.stringify` calls `toISOString`),
 * everything else keeps its shape. Use `Json<ServerType>` for a server type with Date fields.
 */
export type Json<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

/** What a route answers when its body is the result of the server function `F`: `Json<Awaited<ReturnType<F>>>`. */
export type Answer<F extends (...args: never[]) => unknown> = Json<Awaited<ReturnType<F>>>;

/**
 * The query-string parameters of a route whose server query type is `Q`: the server's names, each as the
 * URL's text (the route's schema parses it); `page` and `pageSize`, where the route pages, as numbers.
 */
export type QueryOf<Q> = { [K in Exclude<keyof Q, 'page' | 'pageSize'>]?: string } & Pick<
  Q,
  Extract<keyof Q, 'page' | 'pageSize'>
>;
