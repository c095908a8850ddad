"""Code sets: ICD-10-CM, HCPCS Level II, CPT (import only), place of service, modifiers, CARC/RARC and
adjustment group codes.

This package reads code-set sources (the `simple-icd-10-cm` package, the files shipped under
resources/codesets/, CMS's and the practice's files) into plain rows, and parses what a person types
into a search. It imports `domain` only; storing and searching the rows is `storage.codes_store`, and
`services.codes` ties the two together.
"""
