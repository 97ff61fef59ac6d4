/**
 * The UI's messages: the shared catalogue in this folder plus one catalogue per feature
 * (`features/<feature>/locales/<locale>.json`), so a module's strings live beside its screens. Each
 * file's top-level keys are namespaces (`cases`, `knowledge`…); a namespace belongs to one file.
 */
type Catalog = Record<string, unknown>;

const files = import.meta.glob<Catalog>(['./*.json', '../features/*/locales/*.json'], {
  eager: true,
  import: 'default',
});

export const CATALOG_LOCALES = ['en', 'zh-CN', 'vi'] as const;
type CatalogLocale = (typeof CATALOG_LOCALES)[number];

/** Every catalogue file of one locale, by path. */
export function catalogFiles(locale: CatalogLocale): Record<string, Catalog> {
  const suffix = `/${locale}.json`;
  return Object.fromEntries(Object.entries(files).filter(([path]) => path.endsWith(suffix)));
}

/** The merged messages of one locale; a namespace defined by two files is a programming error. */
export function messagesFor(locale: CatalogLocale): Catalog {
  const merged: Catalog = {};
  for (const [path, catalog] of Object.entries(catalogFiles(locale))) {
    for (const [namespace, messages] of Object.entries(catalog)) {
      if (namespace in merged) throw new Error(`locale namespace "${namespace}" defined twice (${path})`);
      merged[namespace] = messages;
    }
  }
  return merged;
}
