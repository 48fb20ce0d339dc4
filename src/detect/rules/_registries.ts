// Copyright the terok-vault authors. MIT license.
/**
 * Token rules: package and container registries (npm, PyPI, RubyGems, crates.io, NuGet, Clojars, Docker Hub, JFrog).
 *
 * @module
 */
import type { Rule } from "../types.ts";

/** package and container registries (npm, PyPI, RubyGems, crates.io, NuGet, Clojars, Docker Hub, JFrog). */
export const REGISTRY_RULES: readonly Rule[] = [
  {
    id: "npm-token",
    description: "npm access token",
    shape: "npm_ + 36 alnum",
    prefixes: ["npm_"],
    pattern: "npm_[A-Za-z0-9]{36}",
    keyed: false,
  },
  {
    id: "pypi-upload-token",
    description: "PyPI upload token (pypi.org, test.pypi.org)",
    shape: "pypi-AgEIcHlwaS5vcmc or pypi-AgENdGVzdC5weXBpLm9yZw + 50 or more of [\\w-]",
    prefixes: ["pypi-AgEIcHlwaS5vcmc", "pypi-AgENdGVzdC5weXBpLm9yZw"],
    pattern: "pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[\\w-]{50,1000}",
    keyed: false,
  },
  {
    id: "rubygems-api-token",
    description: "RubyGems API token",
    shape: "rubygems_ + 48 hex",
    prefixes: ["rubygems_"],
    pattern: "rubygems_[0-9a-f]{48}",
    keyed: false,
  },
  {
    id: "crates-io-api-token",
    description: "crates.io API token",
    shape: "cio + 32 alnum",
    prefixes: ["cio"],
    pattern: "cio[A-Za-z0-9]{32}",
    keyed: false,
  },
  {
    id: "nuget-api-key",
    description: "NuGet API key",
    shape: "oy2 + 43 of [a-z0-9]",
    prefixes: ["oy2"],
    pattern: "oy2[a-z0-9]{43}",
    keyed: false,
  },
  {
    id: "clojars-api-token",
    description: "Clojars deploy token",
    shape: "CLOJARS_ + 60 of [a-z0-9]",
    prefixes: ["CLOJARS_"],
    pattern: "CLOJARS_[a-z0-9]{60}",
    keyed: false,
  },
  {
    id: "docker-hub-token",
    description: "Docker Hub personal or organization access token",
    shape: "dckr_pat_ or dckr_oat_ + 27 to 40 of [A-Za-z0-9_-]",
    prefixes: ["dckr_pat_", "dckr_oat_"],
    pattern: "dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,40}",
    keyed: false,
  },
  {
    id: "jfrog-token",
    description: "JFrog Artifactory API key or reference token",
    shape: "AKCp + 69 alnum; cmVmd + 59 alnum",
    prefixes: ["AKCp", "cmVmd"],
    pattern: "AKCp[A-Za-z0-9]{69}|cmVmd[A-Za-z0-9]{59}",
    keyed: false,
  },
];
