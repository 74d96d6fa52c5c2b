import { createRequire as __bhCreateRequire } from 'node:module'; const require = __bhCreateRequire(import.meta.url);
import {
  ConnectionClosedError,
  LineSplitter,
  Profile,
  RequestTimeoutError,
  Session,
  SessionStartError,
  TAG_VARIABLE,
  TrackedProcess,
  blenderScriptsDir,
  currentPlatform,
  defaultCacheRoot,
  describeExit,
  drainAfterExit,
  execa,
  idle,
  killAndReport,
  killGroupLeftovers,
  killPipeHolders,
  listProcesses,
  processesByEnv,
  runVersion,
  safeSegment,
  signalGroup,
  tagPrefix,
  takeCrashReport,
  which,
  wire
} from "./chunk-FBWX2EWE.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-244WP6SK.js";

// node_modules/yaml/dist/nodes/identity.js
var require_identity = __commonJS({
  "node_modules/yaml/dist/nodes/identity.js"(exports) {
    "use strict";
    var ALIAS = /* @__PURE__ */ Symbol.for("yaml.alias");
    var DOC = /* @__PURE__ */ Symbol.for("yaml.document");
    var MAP = /* @__PURE__ */ Symbol.for("yaml.map");
    var PAIR = /* @__PURE__ */ Symbol.for("yaml.pair");
    var SCALAR = /* @__PURE__ */ Symbol.for("yaml.scalar");
    var SEQ = /* @__PURE__ */ Symbol.for("yaml.seq");
    var NODE_TYPE = /* @__PURE__ */ Symbol.for("yaml.node.type");
    var isAlias = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === ALIAS;
    var isDocument = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === DOC;
    var isMap2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === MAP;
    var isPair = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === PAIR;
    var isScalar = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SCALAR;
    var isSeq2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SEQ;
    function isCollection(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case MAP:
          case SEQ:
            return true;
        }
      return false;
    }
    function isNode(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case ALIAS:
          case MAP:
          case SCALAR:
          case SEQ:
            return true;
        }
      return false;
    }
    var hasAnchor = (node) => (isScalar(node) || isCollection(node)) && !!node.anchor;
    exports.ALIAS = ALIAS;
    exports.DOC = DOC;
    exports.MAP = MAP;
    exports.NODE_TYPE = NODE_TYPE;
    exports.PAIR = PAIR;
    exports.SCALAR = SCALAR;
    exports.SEQ = SEQ;
    exports.hasAnchor = hasAnchor;
    exports.isAlias = isAlias;
    exports.isCollection = isCollection;
    exports.isDocument = isDocument;
    exports.isMap = isMap2;
    exports.isNode = isNode;
    exports.isPair = isPair;
    exports.isScalar = isScalar;
    exports.isSeq = isSeq2;
  }
});

// node_modules/yaml/dist/visit.js
var require_visit = __commonJS({
  "node_modules/yaml/dist/visit.js"(exports) {
    "use strict";
    var identity = require_identity();
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove node");
    function visit(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        visit_(null, node, visitor_, Object.freeze([]));
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    function visit_(key, node, visitor, path2) {
      const ctrl = callVisitor(key, node, visitor, path2);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path2, ctrl);
        return visit_(key, ctrl, visitor, path2);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path2 = Object.freeze(path2.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = visit_(i, node.items[i], visitor, path2);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path2 = Object.freeze(path2.concat(node));
          const ck = visit_("key", node.key, visitor, path2);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = visit_("value", node.value, visitor, path2);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    async function visitAsync(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
    }
    visitAsync.BREAK = BREAK;
    visitAsync.SKIP = SKIP;
    visitAsync.REMOVE = REMOVE;
    async function visitAsync_(key, node, visitor, path2) {
      const ctrl = await callVisitor(key, node, visitor, path2);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path2, ctrl);
        return visitAsync_(key, ctrl, visitor, path2);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path2 = Object.freeze(path2.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = await visitAsync_(i, node.items[i], visitor, path2);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path2 = Object.freeze(path2.concat(node));
          const ck = await visitAsync_("key", node.key, visitor, path2);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = await visitAsync_("value", node.value, visitor, path2);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    function initVisitor(visitor) {
      if (typeof visitor === "object" && (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
          Alias: visitor.Node,
          Map: visitor.Node,
          Scalar: visitor.Node,
          Seq: visitor.Node
        }, visitor.Value && {
          Map: visitor.Value,
          Scalar: visitor.Value,
          Seq: visitor.Value
        }, visitor.Collection && {
          Map: visitor.Collection,
          Seq: visitor.Collection
        }, visitor);
      }
      return visitor;
    }
    function callVisitor(key, node, visitor, path2) {
      if (typeof visitor === "function")
        return visitor(key, node, path2);
      if (identity.isMap(node))
        return visitor.Map?.(key, node, path2);
      if (identity.isSeq(node))
        return visitor.Seq?.(key, node, path2);
      if (identity.isPair(node))
        return visitor.Pair?.(key, node, path2);
      if (identity.isScalar(node))
        return visitor.Scalar?.(key, node, path2);
      if (identity.isAlias(node))
        return visitor.Alias?.(key, node, path2);
      return void 0;
    }
    function replaceNode(key, path2, node) {
      const parent = path2[path2.length - 1];
      if (identity.isCollection(parent)) {
        parent.items[key] = node;
      } else if (identity.isPair(parent)) {
        if (key === "key")
          parent.key = node;
        else
          parent.value = node;
      } else if (identity.isDocument(parent)) {
        parent.contents = node;
      } else {
        const pt = identity.isAlias(parent) ? "alias" : "scalar";
        throw new Error(`Cannot replace node with ${pt} parent`);
      }
    }
    exports.visit = visit;
    exports.visitAsync = visitAsync;
  }
});

// node_modules/yaml/dist/doc/directives.js
var require_directives = __commonJS({
  "node_modules/yaml/dist/doc/directives.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    var escapeChars = {
      "!": "%21",
      ",": "%2C",
      "[": "%5B",
      "]": "%5D",
      "{": "%7B",
      "}": "%7D"
    };
    var escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, (ch) => escapeChars[ch]);
    var Directives = class _Directives {
      constructor(yaml3, tags) {
        this.docStart = null;
        this.docEnd = false;
        this.yaml = Object.assign({}, _Directives.defaultYaml, yaml3);
        this.tags = Object.assign({}, _Directives.defaultTags, tags);
      }
      clone() {
        const copy = new _Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
      }
      /**
       * During parsing, get a Directives instance for the current document and
       * update the stream state according to the current version's spec.
       */
      atDocument() {
        const res = new _Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
          case "1.1":
            this.atNextDocument = true;
            break;
          case "1.2":
            this.atNextDocument = false;
            this.yaml = {
              explicit: _Directives.defaultYaml.explicit,
              version: "1.2"
            };
            this.tags = Object.assign({}, _Directives.defaultTags);
            break;
        }
        return res;
      }
      /**
       * @param onError - May be called even if the action was successful
       * @returns `true` on success
       */
      add(line, onError) {
        if (this.atNextDocument) {
          this.yaml = { explicit: _Directives.defaultYaml.explicit, version: "1.1" };
          this.tags = Object.assign({}, _Directives.defaultTags);
          this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
          case "%TAG": {
            if (parts.length !== 2) {
              onError(0, "%TAG directive should contain exactly two parts");
              if (parts.length < 2)
                return false;
            }
            const [handle, prefix] = parts;
            this.tags[handle] = prefix;
            return true;
          }
          case "%YAML": {
            this.yaml.explicit = true;
            if (parts.length !== 1) {
              onError(0, "%YAML directive should contain exactly one part");
              return false;
            }
            const [version] = parts;
            if (version === "1.1" || version === "1.2") {
              this.yaml.version = version;
              return true;
            } else {
              const isValid = /^\d+\.\d+$/.test(version);
              onError(6, `Unsupported YAML version ${version}`, isValid);
              return false;
            }
          }
          default:
            onError(0, `Unknown directive ${name}`, true);
            return false;
        }
      }
      /**
       * Resolves a tag, matching handles to those defined in %TAG directives.
       *
       * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
       *   `'!local'` tag, or `null` if unresolvable.
       */
      tagName(source, onError) {
        if (source === "!")
          return "!";
        if (source[0] !== "!") {
          onError(`Not a valid tag: ${source}`);
          return null;
        }
        if (source[1] === "<") {
          const verbatim = source.slice(2, -1);
          if (verbatim === "!" || verbatim === "!!") {
            onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
            return null;
          }
          if (source[source.length - 1] !== ">")
            onError("Verbatim tags must end with a >");
          return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
          onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
          try {
            return prefix + decodeURIComponent(suffix);
          } catch (error2) {
            onError(String(error2));
            return null;
          }
        }
        if (handle === "!")
          return source;
        onError(`Could not resolve tag: ${source}`);
        return null;
      }
      /**
       * Given a fully resolved tag, returns its printable string form,
       * taking into account current tag prefixes and defaults.
       */
      tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
          if (tag.startsWith(prefix))
            return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === "!" ? tag : `!<${tag}>`;
      }
      toString(doc) {
        const lines = this.yaml.explicit ? [`%YAML ${this.yaml.version || "1.2"}`] : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
          const tags = {};
          visit.visit(doc.contents, (_key, node) => {
            if (identity.isNode(node) && node.tag)
              tags[node.tag] = true;
          });
          tagNames = Object.keys(tags);
        } else
          tagNames = [];
        for (const [handle, prefix] of tagEntries) {
          if (handle === "!!" && prefix === "tag:yaml.org,2002:")
            continue;
          if (!doc || tagNames.some((tn) => tn.startsWith(prefix)))
            lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join("\n");
      }
    };
    Directives.defaultYaml = { explicit: false, version: "1.2" };
    Directives.defaultTags = { "!!": "tag:yaml.org,2002:" };
    exports.Directives = Directives;
  }
});

// node_modules/yaml/dist/doc/anchors.js
var require_anchors = __commonJS({
  "node_modules/yaml/dist/doc/anchors.js"(exports) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    function anchorIsValid(anchor) {
      if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
      }
      return true;
    }
    function anchorNames(root) {
      const anchors = /* @__PURE__ */ new Set();
      visit.visit(root, {
        Value(_key, node) {
          if (node.anchor)
            anchors.add(node.anchor);
        }
      });
      return anchors;
    }
    function findNewAnchor(prefix, exclude) {
      for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
          return name;
      }
    }
    function createNodeAnchors(doc, prefix) {
      const aliasObjects = [];
      const sourceObjects = /* @__PURE__ */ new Map();
      let prevAnchors = null;
      return {
        onAnchor: (source) => {
          aliasObjects.push(source);
          prevAnchors ?? (prevAnchors = anchorNames(doc));
          const anchor = findNewAnchor(prefix, prevAnchors);
          prevAnchors.add(anchor);
          return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
          for (const source of aliasObjects) {
            const ref = sourceObjects.get(source);
            if (typeof ref === "object" && ref.anchor && (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
              ref.node.anchor = ref.anchor;
            } else {
              const error2 = new Error("Failed to resolve repeated object (this should not happen)");
              error2.source = source;
              throw error2;
            }
          }
        },
        sourceObjects
      };
    }
    exports.anchorIsValid = anchorIsValid;
    exports.anchorNames = anchorNames;
    exports.createNodeAnchors = createNodeAnchors;
    exports.findNewAnchor = findNewAnchor;
  }
});

// node_modules/yaml/dist/doc/applyReviver.js
var require_applyReviver = __commonJS({
  "node_modules/yaml/dist/doc/applyReviver.js"(exports) {
    "use strict";
    function applyReviver(reviver, obj, key, val) {
      if (val && typeof val === "object") {
        if (Array.isArray(val)) {
          for (let i = 0, len = val.length; i < len; ++i) {
            const v0 = val[i];
            const v1 = applyReviver(reviver, val, String(i), v0);
            if (v1 === void 0)
              delete val[i];
            else if (v1 !== v0)
              val[i] = v1;
          }
        } else if (val instanceof Map) {
          for (const k of Array.from(val.keys())) {
            const v0 = val.get(k);
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              val.delete(k);
            else if (v1 !== v0)
              val.set(k, v1);
          }
        } else if (val instanceof Set) {
          for (const v0 of Array.from(val)) {
            const v1 = applyReviver(reviver, val, v0, v0);
            if (v1 === void 0)
              val.delete(v0);
            else if (v1 !== v0) {
              val.delete(v0);
              val.add(v1);
            }
          }
        } else {
          for (const [k, v0] of Object.entries(val)) {
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              delete val[k];
            else if (v1 !== v0)
              val[k] = v1;
          }
        }
      }
      return reviver.call(obj, key, val);
    }
    exports.applyReviver = applyReviver;
  }
});

// node_modules/yaml/dist/nodes/toJS.js
var require_toJS = __commonJS({
  "node_modules/yaml/dist/nodes/toJS.js"(exports) {
    "use strict";
    var identity = require_identity();
    function toJS(value, arg, ctx) {
      if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
      if (value && typeof value.toJSON === "function") {
        if (!ctx || !identity.hasAnchor(value))
          return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: void 0 };
        ctx.anchors.set(value, data);
        ctx.onCreate = (res2) => {
          data.res = res2;
          delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
          ctx.onCreate(res);
        return res;
      }
      if (typeof value === "bigint" && !ctx?.keep)
        return Number(value);
      return value;
    }
    exports.toJS = toJS;
  }
});

// node_modules/yaml/dist/nodes/Node.js
var require_Node = __commonJS({
  "node_modules/yaml/dist/nodes/Node.js"(exports) {
    "use strict";
    var applyReviver = require_applyReviver();
    var identity = require_identity();
    var toJS = require_toJS();
    var NodeBase = class {
      constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
      }
      /** Create a copy of this node.  */
      clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** A plain JavaScript representation of this node. */
      toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
          throw new TypeError("A document argument is required");
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc,
          keep: true,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
    };
    exports.NodeBase = NodeBase;
  }
});

// node_modules/yaml/dist/nodes/Alias.js
var require_Alias = __commonJS({
  "node_modules/yaml/dist/nodes/Alias.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var visit = require_visit();
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var Alias = class extends Node.NodeBase {
      constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, "tag", {
          set() {
            throw new Error("Alias nodes cannot have tags");
          }
        });
      }
      /**
       * Resolve the value of this alias within `doc`, finding the last
       * instance of the `source` anchor before this node.
       */
      resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
          throw new ReferenceError("Alias resolution is disabled");
        let nodes;
        if (ctx?.aliasResolveCache) {
          nodes = ctx.aliasResolveCache;
        } else {
          nodes = [];
          visit.visit(doc, {
            Node: (_key, node) => {
              if (identity.isAlias(node) || identity.hasAnchor(node))
                nodes.push(node);
            }
          });
          if (ctx)
            ctx.aliasResolveCache = nodes;
        }
        let found = void 0;
        for (const node of nodes) {
          if (node === this)
            break;
          if (node.anchor === this.source)
            found = node;
        }
        if (found && ctx) {
          const { anchors: anchors2, doc: doc2, maxAliasCount } = ctx;
          let data = anchors2.get(found);
          if (!data) {
            toJS.toJS(found, null, ctx);
            data = anchors2.get(found);
          }
          if (data?.res === void 0) {
            const msg = "This should not happen: Alias anchor was not resolved?";
            throw new ReferenceError(msg);
          }
          if (maxAliasCount >= 0) {
            data.count += 1;
            if (data.aliasCount === 0)
              data.aliasCount = getAliasCount(doc2, found, anchors2);
            if (data.count * data.aliasCount > maxAliasCount) {
              const msg = "Excessive alias count indicates a resource exhaustion attack";
              throw new ReferenceError(msg);
            }
          }
        }
        return found;
      }
      toJSON(_arg, ctx) {
        if (!ctx)
          return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
          const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
          throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
      }
      toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
          anchors.anchorIsValid(this.source);
          if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new Error(msg);
          }
          if (ctx.implicitKey)
            return `${src} `;
        }
        return src;
      }
    };
    function getAliasCount(doc, node, anchors2) {
      if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors2 && source && anchors2.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
      } else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
          const c = getAliasCount(doc, item, anchors2);
          if (c > count)
            count = c;
        }
        return count;
      } else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors2);
        const vc = getAliasCount(doc, node.value, anchors2);
        return Math.max(kc, vc);
      }
      return 1;
    }
    exports.Alias = Alias;
  }
});

// node_modules/yaml/dist/nodes/Scalar.js
var require_Scalar = __commonJS({
  "node_modules/yaml/dist/nodes/Scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var isScalarValue = (value) => !value || typeof value !== "function" && typeof value !== "object";
    var Scalar2 = class extends Node.NodeBase {
      constructor(value) {
        super(identity.SCALAR);
        this.value = value;
      }
      toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
      }
      toString() {
        return String(this.value);
      }
    };
    Scalar2.BLOCK_FOLDED = "BLOCK_FOLDED";
    Scalar2.BLOCK_LITERAL = "BLOCK_LITERAL";
    Scalar2.PLAIN = "PLAIN";
    Scalar2.QUOTE_DOUBLE = "QUOTE_DOUBLE";
    Scalar2.QUOTE_SINGLE = "QUOTE_SINGLE";
    exports.Scalar = Scalar2;
    exports.isScalarValue = isScalarValue;
  }
});

// node_modules/yaml/dist/doc/createNode.js
var require_createNode = __commonJS({
  "node_modules/yaml/dist/doc/createNode.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var Scalar2 = require_Scalar();
    var defaultTagPrefix = "tag:yaml.org,2002:";
    function findTagObject(value, tagName, tags) {
      if (tagName) {
        const match = tags.filter((t2) => t2.tag === tagName);
        const tagObj = match.find((t2) => !t2.format) ?? match[0];
        if (!tagObj)
          throw new Error(`Tag ${tagName} not found`);
        return tagObj;
      }
      return tags.find((t2) => t2.identify?.(value) && !t2.format);
    }
    function createNode(value, tagName, ctx) {
      if (identity.isDocument(value))
        value = value.contents;
      if (identity.isNode(value))
        return value;
      if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
      }
      if (value instanceof String || value instanceof Number || value instanceof Boolean || typeof BigInt !== "undefined" && value instanceof BigInt) {
        value = value.valueOf();
      }
      const { aliasDuplicateObjects, onAnchor, onTagObj, schema: schema2, sourceObjects } = ctx;
      let ref = void 0;
      if (aliasDuplicateObjects && value && typeof value === "object") {
        ref = sourceObjects.get(value);
        if (ref) {
          ref.anchor ?? (ref.anchor = onAnchor(value));
          return new Alias.Alias(ref.anchor);
        } else {
          ref = { anchor: null, node: null };
          sourceObjects.set(value, ref);
        }
      }
      if (tagName?.startsWith("!!"))
        tagName = defaultTagPrefix + tagName.slice(2);
      let tagObj = findTagObject(value, tagName, schema2.tags);
      if (!tagObj) {
        if (value && typeof value.toJSON === "function") {
          value = value.toJSON();
        }
        if (!value || typeof value !== "object") {
          const node2 = new Scalar2.Scalar(value);
          if (ref)
            ref.node = node2;
          return node2;
        }
        tagObj = value instanceof Map ? schema2[identity.MAP] : Symbol.iterator in Object(value) ? schema2[identity.SEQ] : schema2[identity.MAP];
      }
      if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
      }
      const node = tagObj?.createNode ? tagObj.createNode(ctx.schema, value, ctx) : typeof tagObj?.nodeClass?.from === "function" ? tagObj.nodeClass.from(ctx.schema, value, ctx) : new Scalar2.Scalar(value);
      if (tagName)
        node.tag = tagName;
      else if (!tagObj.default)
        node.tag = tagObj.tag;
      if (ref)
        ref.node = node;
      return node;
    }
    exports.createNode = createNode;
  }
});

// node_modules/yaml/dist/nodes/Collection.js
var require_Collection = __commonJS({
  "node_modules/yaml/dist/nodes/Collection.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var identity = require_identity();
    var Node = require_Node();
    function collectionFromPath(schema2, path2, value) {
      let v = value;
      for (let i = path2.length - 1; i >= 0; --i) {
        const k = path2[i];
        if (typeof k === "number" && Number.isInteger(k) && k >= 0) {
          const a = [];
          a[k] = v;
          v = a;
        } else {
          v = /* @__PURE__ */ new Map([[k, v]]);
        }
      }
      return createNode.createNode(v, void 0, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
          throw new Error("This should not happen, please report a bug.");
        },
        schema: schema2,
        sourceObjects: /* @__PURE__ */ new Map()
      });
    }
    var isEmptyPath = (path2) => path2 == null || typeof path2 === "object" && !!path2[Symbol.iterator]().next().done;
    var Collection = class extends Node.NodeBase {
      constructor(type, schema2) {
        super(type);
        Object.defineProperty(this, "schema", {
          value: schema2,
          configurable: true,
          enumerable: false,
          writable: true
        });
      }
      /**
       * Create a copy of this collection.
       *
       * @param schema - If defined, overwrites the original's schema
       */
      clone(schema2) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema2)
          copy.schema = schema2;
        copy.items = copy.items.map((it) => identity.isNode(it) || identity.isPair(it) ? it.clone(schema2) : it);
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /**
       * Adds a value to the collection. For `!!map` and `!!omap` the value must
       * be a Pair instance or a `{ key, value }` object, which may not have a key
       * that already exists in the map.
       */
      addIn(path2, value) {
        if (isEmptyPath(path2))
          this.add(value);
        else {
          const [key, ...rest] = path2;
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.addIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
      /**
       * Removes a value from the collection.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path2) {
        const [key, ...rest] = path2;
        if (rest.length === 0)
          return this.delete(key);
        const node = this.get(key, true);
        if (identity.isCollection(node))
          return node.deleteIn(rest);
        else
          throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path2, keepScalar) {
        const [key, ...rest] = path2;
        const node = this.get(key, true);
        if (rest.length === 0)
          return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
          return identity.isCollection(node) ? node.getIn(rest, keepScalar) : void 0;
      }
      hasAllNullValues(allowScalar) {
        return this.items.every((node) => {
          if (!identity.isPair(node))
            return false;
          const n = node.value;
          return n == null || allowScalar && identity.isScalar(n) && n.value == null && !n.commentBefore && !n.comment && !n.tag;
        });
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       */
      hasIn(path2) {
        const [key, ...rest] = path2;
        if (rest.length === 0)
          return this.has(key);
        const node = this.get(key, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path2, value) {
        const [key, ...rest] = path2;
        if (rest.length === 0) {
          this.set(key, value);
        } else {
          const node = this.get(key, true);
          if (identity.isCollection(node))
            node.setIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
    };
    exports.Collection = Collection;
    exports.collectionFromPath = collectionFromPath;
    exports.isEmptyPath = isEmptyPath;
  }
});

// node_modules/yaml/dist/stringify/stringifyComment.js
var require_stringifyComment = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyComment.js"(exports) {
    "use strict";
    var stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, "#");
    function indentComment(comment, indent) {
      if (/^\n+$/.test(comment))
        return comment.substring(1);
      return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
    }
    var lineComment = (str, indent, comment) => str.endsWith("\n") ? indentComment(comment, indent) : comment.includes("\n") ? "\n" + indentComment(comment, indent) : (str.endsWith(" ") ? "" : " ") + comment;
    exports.indentComment = indentComment;
    exports.lineComment = lineComment;
    exports.stringifyComment = stringifyComment;
  }
});

// node_modules/yaml/dist/stringify/foldFlowLines.js
var require_foldFlowLines = __commonJS({
  "node_modules/yaml/dist/stringify/foldFlowLines.js"(exports) {
    "use strict";
    var FOLD_FLOW = "flow";
    var FOLD_BLOCK = "block";
    var FOLD_QUOTED = "quoted";
    function foldFlowLines(text, indent, mode = "flow", { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
      if (!lineWidth || lineWidth < 0)
        return text;
      if (lineWidth < minContentWidth)
        minContentWidth = 0;
      const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
      if (text.length <= endStep)
        return text;
      const folds = [];
      const escapedFolds = {};
      let end = lineWidth - indent.length;
      if (typeof indentAtStart === "number") {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
          folds.push(0);
        else
          end = lineWidth - indentAtStart;
      }
      let split = void 0;
      let prev = void 0;
      let overflow = false;
      let i = -1;
      let escStart = -1;
      let escEnd = -1;
      if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
          end = i + endStep;
      }
      for (let ch; ch = text[i += 1]; ) {
        if (mode === FOLD_QUOTED && ch === "\\") {
          escStart = i;
          switch (text[i + 1]) {
            case "x":
              i += 3;
              break;
            case "u":
              i += 5;
              break;
            case "U":
              i += 9;
              break;
            default:
              i += 1;
          }
          escEnd = i;
        }
        if (ch === "\n") {
          if (mode === FOLD_BLOCK)
            i = consumeMoreIndentedLines(text, i, indent.length);
          end = i + indent.length + endStep;
          split = void 0;
        } else {
          if (ch === " " && prev && prev !== " " && prev !== "\n" && prev !== "	") {
            const next = text[i + 1];
            if (next && next !== " " && next !== "\n" && next !== "	")
              split = i;
          }
          if (i >= end) {
            if (split) {
              folds.push(split);
              end = split + endStep;
              split = void 0;
            } else if (mode === FOLD_QUOTED) {
              while (prev === " " || prev === "	") {
                prev = ch;
                ch = text[i += 1];
                overflow = true;
              }
              const j = i > escEnd + 1 ? i - 2 : escStart - 1;
              if (escapedFolds[j])
                return text;
              folds.push(j);
              escapedFolds[j] = true;
              end = j + endStep;
              split = void 0;
            } else {
              overflow = true;
            }
          }
        }
        prev = ch;
      }
      if (overflow && onOverflow)
        onOverflow();
      if (folds.length === 0)
        return text;
      if (onFold)
        onFold();
      let res = text.slice(0, folds[0]);
      for (let i2 = 0; i2 < folds.length; ++i2) {
        const fold = folds[i2];
        const end2 = folds[i2 + 1] || text.length;
        if (fold === 0)
          res = `
${indent}${text.slice(0, end2)}`;
        else {
          if (mode === FOLD_QUOTED && escapedFolds[fold])
            res += `${text[fold]}\\`;
          res += `
${indent}${text.slice(fold + 1, end2)}`;
        }
      }
      return res;
    }
    function consumeMoreIndentedLines(text, i, indent) {
      let end = i;
      let start = i + 1;
      let ch = text[start];
      while (ch === " " || ch === "	") {
        if (i < start + indent) {
          ch = text[++i];
        } else {
          do {
            ch = text[++i];
          } while (ch && ch !== "\n");
          end = i;
          start = i + 1;
          ch = text[start];
        }
      }
      return end;
    }
    exports.FOLD_BLOCK = FOLD_BLOCK;
    exports.FOLD_FLOW = FOLD_FLOW;
    exports.FOLD_QUOTED = FOLD_QUOTED;
    exports.foldFlowLines = foldFlowLines;
  }
});

// node_modules/yaml/dist/stringify/stringifyString.js
var require_stringifyString = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyString.js"(exports) {
    "use strict";
    var Scalar2 = require_Scalar();
    var foldFlowLines = require_foldFlowLines();
    var getFoldOptions = (ctx, isBlock) => ({
      indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
      lineWidth: ctx.options.lineWidth,
      minContentWidth: ctx.options.minContentWidth
    });
    var containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
    function lineLengthOverLimit(str, lineWidth, indentLength) {
      if (!lineWidth || lineWidth < 0)
        return false;
      const limit = lineWidth - indentLength;
      const strLen = str.length;
      if (strLen <= limit)
        return false;
      for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === "\n") {
          if (i - start > limit)
            return true;
          start = i + 1;
          if (strLen - start <= limit)
            return false;
        }
      }
      return true;
    }
    function doubleQuotedString(value, ctx) {
      const json = JSON.stringify(value);
      if (ctx.options.doubleQuotedAsJSON)
        return json;
      const { implicitKey } = ctx;
      const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      let str = "";
      let start = 0;
      for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === " " && json[i + 1] === "\\" && json[i + 2] === "n") {
          str += json.slice(start, i) + "\\ ";
          i += 1;
          start = i;
          ch = "\\";
        }
        if (ch === "\\")
          switch (json[i + 1]) {
            case "u":
              {
                str += json.slice(start, i);
                const code = json.substr(i + 2, 4);
                switch (code) {
                  case "0000":
                    str += "\\0";
                    break;
                  case "0007":
                    str += "\\a";
                    break;
                  case "000b":
                    str += "\\v";
                    break;
                  case "001b":
                    str += "\\e";
                    break;
                  case "0085":
                    str += "\\N";
                    break;
                  case "00a0":
                    str += "\\_";
                    break;
                  case "2028":
                    str += "\\L";
                    break;
                  case "2029":
                    str += "\\P";
                    break;
                  default:
                    if (code.substr(0, 2) === "00")
                      str += "\\x" + code.substr(2);
                    else
                      str += json.substr(i, 6);
                }
                i += 5;
                start = i + 1;
              }
              break;
            case "n":
              if (implicitKey || json[i + 2] === '"' || json.length < minMultiLineLength) {
                i += 1;
              } else {
                str += json.slice(start, i) + "\n\n";
                while (json[i + 2] === "\\" && json[i + 3] === "n" && json[i + 4] !== '"') {
                  str += "\n";
                  i += 2;
                }
                str += indent;
                if (json[i + 2] === " ")
                  str += "\\";
                i += 1;
                start = i + 1;
              }
              break;
            default:
              i += 1;
          }
      }
      str = start ? str + json.slice(start) : json;
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
    }
    function singleQuotedString(value, ctx) {
      if (ctx.options.singleQuote === false || ctx.implicitKey && value.includes("\n") || /[ \t]\n|\n[ \t]/.test(value))
        return doubleQuotedString(value, ctx);
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&
${indent}`) + "'";
      return ctx.implicitKey ? res : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function quotedString(value, ctx) {
      const { singleQuote } = ctx.options;
      let qs;
      if (singleQuote === false)
        qs = doubleQuotedString;
      else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
          qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
          qs = doubleQuotedString;
        else
          qs = singleQuote ? singleQuotedString : doubleQuotedString;
      }
      return qs(value, ctx);
    }
    var blockEndNewlines;
    try {
      blockEndNewlines = new RegExp("(^|(?<!\n))\n+(?!\n|$)", "g");
    } catch {
      blockEndNewlines = /\n+(?!\n|$)/g;
    }
    function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
      const { blockQuote, commentString, lineWidth } = ctx.options;
      if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
      }
      const indent = ctx.indent || (ctx.forceBlockIndent || containsDocumentMarker(value) ? "  " : "");
      const literal = blockQuote === "literal" ? true : blockQuote === "folded" || type === Scalar2.Scalar.BLOCK_FOLDED ? false : type === Scalar2.Scalar.BLOCK_LITERAL ? true : !lineLengthOverLimit(value, lineWidth, indent.length);
      if (!value)
        return literal ? "|\n" : ">\n";
      let chomp;
      let endStart;
      for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== "\n" && ch !== "	" && ch !== " ")
          break;
      }
      let end = value.substring(endStart);
      const endNlPos = end.indexOf("\n");
      if (endNlPos === -1) {
        chomp = "-";
      } else if (value === end || endNlPos !== end.length - 1) {
        chomp = "+";
        if (onChompKeep)
          onChompKeep();
      } else {
        chomp = "";
      }
      if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === "\n")
          end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
      }
      let startWithSpace = false;
      let startEnd;
      let startNlPos = -1;
      for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === " ")
          startWithSpace = true;
        else if (ch === "\n")
          startNlPos = startEnd;
        else
          break;
      }
      let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
      if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
      }
      const indentSize = indent ? "2" : "1";
      let header = (startWithSpace ? indentSize : "") + chomp;
      if (comment) {
        header += " " + commentString(comment.replace(/ ?[\r\n]+/g, " "));
        if (onComment)
          onComment();
      }
      if (!literal) {
        const foldedValue = value.replace(/\n+/g, "\n$&").replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, "$1$2").replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== "folded" && type !== Scalar2.Scalar.BLOCK_FOLDED) {
          foldOptions.onOverflow = () => {
            literalFallback = true;
          };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
          return `>${header}
${indent}${body}`;
      }
      value = value.replace(/\n+/g, `$&${indent}`);
      return `|${header}
${indent}${start}${value}${end}`;
    }
    function plainString(item, ctx, onComment, onChompKeep) {
      const { type, value } = item;
      const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
      if (implicitKey && value.includes("\n") || inFlow && /[[\]{},]/.test(value)) {
        return quotedString(value, ctx);
      }
      if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        return implicitKey || inFlow || !value.includes("\n") ? quotedString(value, ctx) : blockString(item, ctx, onComment, onChompKeep);
      }
      if (!implicitKey && !inFlow && type !== Scalar2.Scalar.PLAIN && value.includes("\n")) {
        return blockString(item, ctx, onComment, onChompKeep);
      }
      if (containsDocumentMarker(value)) {
        if (indent === "") {
          ctx.forceBlockIndent = true;
          return blockString(item, ctx, onComment, onChompKeep);
        } else if (implicitKey && indent === indentStep) {
          return quotedString(value, ctx);
        }
      }
      const str = value.replace(/\n+/g, `$&
${indent}`);
      if (actualString) {
        const test = (tag) => tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
          return quotedString(value, ctx);
      }
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function stringifyString(item, ctx, onComment, onChompKeep) {
      const { implicitKey, inFlow } = ctx;
      const ss = typeof item.value === "string" ? item : Object.assign({}, item, { value: String(item.value) });
      let { type } = item;
      if (type !== Scalar2.Scalar.QUOTE_DOUBLE) {
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
          type = Scalar2.Scalar.QUOTE_DOUBLE;
      }
      const _stringify = (_type) => {
        switch (_type) {
          case Scalar2.Scalar.BLOCK_FOLDED:
          case Scalar2.Scalar.BLOCK_LITERAL:
            return implicitKey || inFlow ? quotedString(ss.value, ctx) : blockString(ss, ctx, onComment, onChompKeep);
          case Scalar2.Scalar.QUOTE_DOUBLE:
            return doubleQuotedString(ss.value, ctx);
          case Scalar2.Scalar.QUOTE_SINGLE:
            return singleQuotedString(ss.value, ctx);
          case Scalar2.Scalar.PLAIN:
            return plainString(ss, ctx, onComment, onChompKeep);
          default:
            return null;
        }
      };
      let res = _stringify(type);
      if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t2 = implicitKey && defaultKeyType || defaultStringType;
        res = _stringify(t2);
        if (res === null)
          throw new Error(`Unsupported default string type ${t2}`);
      }
      return res;
    }
    exports.stringifyString = stringifyString;
  }
});

// node_modules/yaml/dist/stringify/stringify.js
var require_stringify = __commonJS({
  "node_modules/yaml/dist/stringify/stringify.js"(exports) {
    "use strict";
    var anchors = require_anchors();
    var identity = require_identity();
    var stringifyComment = require_stringifyComment();
    var stringifyString = require_stringifyString();
    function createStringifyContext(doc, options) {
      const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: "PLAIN",
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: "false",
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: "null",
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: "true",
        verifyAliasOrder: true
      }, doc.schema.toStringOptions, options);
      let inFlow;
      switch (opt.collectionStyle) {
        case "block":
          inFlow = false;
          break;
        case "flow":
          inFlow = true;
          break;
        default:
          inFlow = null;
      }
      return {
        anchors: /* @__PURE__ */ new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? " " : "",
        indent: "",
        indentStep: typeof opt.indent === "number" ? " ".repeat(opt.indent) : "  ",
        inFlow,
        options: opt
      };
    }
    function getTagObject(tags, item) {
      if (item.tag) {
        const match = tags.filter((t2) => t2.tag === item.tag);
        if (match.length > 0)
          return match.find((t2) => t2.format === item.format) ?? match[0];
      }
      let tagObj = void 0;
      let obj;
      if (identity.isScalar(item)) {
        obj = item.value;
        let match = tags.filter((t2) => t2.identify?.(obj));
        if (match.length > 1) {
          const testMatch = match.filter((t2) => t2.test);
          if (testMatch.length > 0)
            match = testMatch;
        }
        tagObj = match.find((t2) => t2.format === item.format) ?? match.find((t2) => !t2.format);
      } else {
        obj = item;
        tagObj = tags.find((t2) => t2.nodeClass && obj instanceof t2.nodeClass);
      }
      if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? "null" : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
      }
      return tagObj;
    }
    function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
      if (!doc.directives)
        return "";
      const props = [];
      const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
      if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
      }
      const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
      if (tag)
        props.push(doc.directives.tagString(tag));
      return props.join(" ");
    }
    function stringify3(item, ctx, onComment, onChompKeep) {
      if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
      if (identity.isAlias(item)) {
        if (ctx.doc.directives)
          return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
          throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        } else {
          if (ctx.resolvedAliases)
            ctx.resolvedAliases.add(item);
          else
            ctx.resolvedAliases = /* @__PURE__ */ new Set([item]);
          item = item.resolve(ctx.doc);
        }
      }
      let tagObj = void 0;
      const node = identity.isNode(item) ? item : ctx.doc.createNode(item, { onTagObj: (o) => tagObj = o });
      tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
      const props = stringifyProps(node, tagObj, ctx);
      if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
      const str = typeof tagObj.stringify === "function" ? tagObj.stringify(node, ctx, onComment, onChompKeep) : identity.isScalar(node) ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep) : node.toString(ctx, onComment, onChompKeep);
      if (!props)
        return str;
      return identity.isScalar(node) || str[0] === "{" || str[0] === "[" ? `${props} ${str}` : `${props}
${ctx.indent}${str}`;
    }
    exports.createStringifyContext = createStringifyContext;
    exports.stringify = stringify3;
  }
});

// node_modules/yaml/dist/stringify/stringifyPair.js
var require_stringifyPair = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyPair.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar2 = require_Scalar();
    var stringify3 = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
      const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
      let keyComment = identity.isNode(key) && key.comment || null;
      if (simpleKeys) {
        if (keyComment) {
          throw new Error("With simple keys, key nodes cannot have comments");
        }
        if (identity.isCollection(key) || !identity.isNode(key) && typeof key === "object") {
          const msg = "With simple keys, collection cannot be used as a key value";
          throw new Error(msg);
        }
      }
      let explicitKey = !simpleKeys && (!key || keyComment && value == null && !ctx.inFlow || identity.isCollection(key) || (identity.isScalar(key) ? key.type === Scalar2.Scalar.BLOCK_FOLDED || key.type === Scalar2.Scalar.BLOCK_LITERAL : typeof key === "object"));
      ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
      });
      let keyCommentDone = false;
      let chompKeep = false;
      let str = stringify3.stringify(key, ctx, () => keyCommentDone = true, () => chompKeep = true);
      if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
          throw new Error("With simple keys, single line scalar must not span more than 1024 characters");
        explicitKey = true;
      }
      if (ctx.inFlow) {
        if (allNullValues || value == null) {
          if (keyCommentDone && onComment)
            onComment();
          return str === "" ? "?" : explicitKey ? `? ${str}` : str;
        }
      } else if (allNullValues && !simpleKeys || value == null && explicitKey) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        } else if (chompKeep && onChompKeep)
          onChompKeep();
        return str;
      }
      if (keyCommentDone)
        keyComment = null;
      if (explicitKey) {
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}
${indent}:`;
      } else {
        str = `${str}:`;
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
      }
      let vsb, vcb, valueComment;
      if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
      } else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === "object")
          value = doc.createNode(value);
      }
      ctx.implicitKey = false;
      if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str.length + 1;
      chompKeep = false;
      if (!indentSeq && indentStep.length >= 2 && !ctx.inFlow && !explicitKey && identity.isSeq(value) && !value.flow && !value.tag && !value.anchor) {
        ctx.indent = ctx.indent.substring(2);
      }
      let valueCommentDone = false;
      const valueStr = stringify3.stringify(value, ctx, () => valueCommentDone = true, () => chompKeep = true);
      let ws = " ";
      if (keyComment || vsb || vcb) {
        ws = vsb ? "\n" : "";
        if (vcb) {
          const cs = commentString(vcb);
          ws += `
${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === "" && !ctx.inFlow) {
          if (ws === "\n" && valueComment)
            ws = "\n\n";
        } else {
          ws += `
${ctx.indent}`;
        }
      } else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf("\n");
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
          let hasPropsLine = false;
          if (hasNewline && (vs0 === "&" || vs0 === "!")) {
            let sp0 = valueStr.indexOf(" ");
            if (vs0 === "&" && sp0 !== -1 && sp0 < nl0 && valueStr[sp0 + 1] === "!") {
              sp0 = valueStr.indexOf(" ", sp0 + 1);
            }
            if (sp0 === -1 || nl0 < sp0)
              hasPropsLine = true;
          }
          if (!hasPropsLine)
            ws = `
${ctx.indent}`;
        }
      } else if (valueStr === "" || valueStr[0] === "\n") {
        ws = "";
      }
      str += ws + valueStr;
      if (ctx.inFlow) {
        if (valueCommentDone && onComment)
          onComment();
      } else if (valueComment && !valueCommentDone) {
        str += stringifyComment.lineComment(str, ctx.indent, commentString(valueComment));
      } else if (chompKeep && onChompKeep) {
        onChompKeep();
      }
      return str;
    }
    exports.stringifyPair = stringifyPair;
  }
});

// node_modules/yaml/dist/log.js
var require_log = __commonJS({
  "node_modules/yaml/dist/log.js"(exports) {
    "use strict";
    var node_process = __require("process");
    function debug(logLevel, ...messages) {
      if (logLevel === "debug")
        console.log(...messages);
    }
    function warn(logLevel, warning) {
      if (logLevel === "debug" || logLevel === "warn") {
        if (typeof node_process.emitWarning === "function")
          node_process.emitWarning(warning);
        else
          console.warn(warning);
      }
    }
    exports.debug = debug;
    exports.warn = warn;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/merge.js
var require_merge = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/merge.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar2 = require_Scalar();
    var MERGE_KEY = "<<";
    var merge = {
      identify: (value) => value === MERGE_KEY || typeof value === "symbol" && value.description === MERGE_KEY,
      default: "key",
      tag: "tag:yaml.org,2002:merge",
      test: /^<<$/,
      resolve: () => Object.assign(new Scalar2.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
      }),
      stringify: () => MERGE_KEY
    };
    var isMergeKey = (ctx, key) => (merge.identify(key) || identity.isScalar(key) && (!key.type || key.type === Scalar2.Scalar.PLAIN) && merge.identify(key.value)) && ctx?.doc.schema.tags.some((tag) => tag.tag === merge.tag && tag.default);
    function addMergeToJSMap(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (identity.isSeq(source))
        for (const it of source.items)
          mergeValue(ctx, map, it);
      else if (Array.isArray(source))
        for (const it of source)
          mergeValue(ctx, map, it);
      else
        mergeValue(ctx, map, source);
    }
    function mergeValue(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (!identity.isMap(source))
        throw new Error("Merge sources must be maps or map aliases");
      const srcMap = source.toJSON(null, ctx, Map);
      for (const [key, value2] of srcMap) {
        if (map instanceof Map) {
          if (!map.has(key))
            map.set(key, value2);
        } else if (map instanceof Set) {
          map.add(key);
        } else if (!Object.prototype.hasOwnProperty.call(map, key)) {
          Object.defineProperty(map, key, {
            value: value2,
            writable: true,
            enumerable: true,
            configurable: true
          });
        }
      }
      return map;
    }
    function resolveAliasValue(ctx, value) {
      return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
    }
    exports.addMergeToJSMap = addMergeToJSMap;
    exports.isMergeKey = isMergeKey;
    exports.merge = merge;
  }
});

// node_modules/yaml/dist/nodes/addPairToJSMap.js
var require_addPairToJSMap = __commonJS({
  "node_modules/yaml/dist/nodes/addPairToJSMap.js"(exports) {
    "use strict";
    var log = require_log();
    var merge = require_merge();
    var stringify3 = require_stringify();
    var identity = require_identity();
    var toJS = require_toJS();
    function addPairToJSMap(ctx, map, { key, value }) {
      if (identity.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
      else if (merge.isMergeKey(ctx, key))
        merge.addMergeToJSMap(ctx, map, value);
      else {
        const jsKey = toJS.toJS(key, "", ctx);
        if (map instanceof Map) {
          map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        } else if (map instanceof Set) {
          map.add(jsKey);
        } else {
          const stringKey = stringifyKey(key, jsKey, ctx);
          const jsValue = toJS.toJS(value, stringKey, ctx);
          if (stringKey in map)
            Object.defineProperty(map, stringKey, {
              value: jsValue,
              writable: true,
              enumerable: true,
              configurable: true
            });
          else
            map[stringKey] = jsValue;
        }
      }
      return map;
    }
    function stringifyKey(key, jsKey, ctx) {
      if (jsKey === null)
        return "";
      if (typeof jsKey !== "object")
        return String(jsKey);
      if (identity.isNode(key) && ctx?.doc) {
        const strCtx = stringify3.createStringifyContext(ctx.doc, {});
        strCtx.anchors = /* @__PURE__ */ new Set();
        for (const node of ctx.anchors.keys())
          strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
          let jsonStr = JSON.stringify(strKey);
          if (jsonStr.length > 40)
            jsonStr = jsonStr.substring(0, 36) + '..."';
          log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
          ctx.mapKeyWarned = true;
        }
        return strKey;
      }
      return JSON.stringify(jsKey);
    }
    exports.addPairToJSMap = addPairToJSMap;
  }
});

// node_modules/yaml/dist/nodes/Pair.js
var require_Pair = __commonJS({
  "node_modules/yaml/dist/nodes/Pair.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyPair = require_stringifyPair();
    var addPairToJSMap = require_addPairToJSMap();
    var identity = require_identity();
    function createPair(key, value, ctx) {
      const k = createNode.createNode(key, void 0, ctx);
      const v = createNode.createNode(value, void 0, ctx);
      return new Pair(k, v);
    }
    var Pair = class _Pair {
      constructor(key, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key;
        this.value = value;
      }
      clone(schema2) {
        let { key, value } = this;
        if (identity.isNode(key))
          key = key.clone(schema2);
        if (identity.isNode(value))
          value = value.clone(schema2);
        return new _Pair(key, value);
      }
      toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
      }
      toString(ctx, onComment, onChompKeep) {
        return ctx?.doc ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep) : JSON.stringify(this);
      }
    };
    exports.Pair = Pair;
    exports.createPair = createPair;
  }
});

// node_modules/yaml/dist/stringify/stringifyCollection.js
var require_stringifyCollection = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyCollection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify3 = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyCollection(collection, ctx, options) {
      const flow = ctx.inFlow ?? collection.flow;
      const stringify4 = flow ? stringifyFlowCollection : stringifyBlockCollection;
      return stringify4(collection, ctx, options);
    }
    function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
      const { indent, options: { commentString } } = ctx;
      const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
      let chompKeep = false;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment2 = null;
        if (identity.isNode(item)) {
          if (!chompKeep && item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
          if (item.comment)
            comment2 = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (!chompKeep && ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
          }
        }
        chompKeep = false;
        let str2 = stringify3.stringify(item, itemCtx, () => comment2 = null, () => chompKeep = true);
        if (comment2)
          str2 += stringifyComment.lineComment(str2, itemIndent, commentString(comment2));
        if (chompKeep && comment2)
          chompKeep = false;
        lines.push(blockItemPrefix + str2);
      }
      let str;
      if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
      } else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
          const line = lines[i];
          str += line ? `
${indent}${line}` : "\n";
        }
      }
      if (comment) {
        str += "\n" + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
          onComment();
      } else if (chompKeep && onChompKeep)
        onChompKeep();
      return str;
    }
    function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
      const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
      itemIndent += indentStep;
      const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
      });
      let reqNewline = false;
      let linesAtValue = 0;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
          if (item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, false);
          if (item.comment)
            comment = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, false);
            if (ik.comment)
              reqNewline = true;
          }
          const iv = identity.isNode(item.value) ? item.value : null;
          if (iv) {
            if (iv.comment)
              comment = iv.comment;
            if (iv.commentBefore)
              reqNewline = true;
          } else if (item.value == null && ik?.comment) {
            comment = ik.comment;
          }
        }
        if (comment)
          reqNewline = true;
        let str = stringify3.stringify(item, itemCtx, () => comment = null);
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes("\n"));
        if (i < items.length - 1) {
          str += ",";
        } else if (ctx.options.trailingComma) {
          if (ctx.options.lineWidth > 0) {
            reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) + (str.length + 2) > ctx.options.lineWidth);
          }
          if (reqNewline) {
            str += ",";
          }
        }
        if (comment)
          str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
      }
      const { start, end } = flowChars;
      if (lines.length === 0) {
        return start + end;
      } else {
        if (!reqNewline) {
          const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
          reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
          let str = start;
          for (const line of lines)
            str += line ? `
${indentStep}${indent}${line}` : "\n";
          return `${str}
${indent}${end}`;
        } else {
          return `${start}${fcPadding}${lines.join(" ")}${fcPadding}${end}`;
        }
      }
    }
    function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
      if (comment && chompKeep)
        comment = comment.replace(/^\n+/, "");
      if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart());
      }
    }
    exports.stringifyCollection = stringifyCollection;
  }
});

// node_modules/yaml/dist/nodes/YAMLMap.js
var require_YAMLMap = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLMap.js"(exports) {
    "use strict";
    var stringifyCollection = require_stringifyCollection();
    var addPairToJSMap = require_addPairToJSMap();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar2 = require_Scalar();
    function findPair(items, key) {
      const k = identity.isScalar(key) ? key.value : key;
      for (const it of items) {
        if (identity.isPair(it)) {
          if (it.key === key || it.key === k)
            return it;
          if (identity.isScalar(it.key) && it.key.value === k)
            return it;
        }
      }
      return void 0;
    }
    var YAMLMap = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:map";
      }
      constructor(schema2) {
        super(identity.MAP, schema2);
        this.items = [];
      }
      /**
       * A generic collection parsing method that can be extended
       * to other node classes that inherit from YAMLMap
       */
      static from(schema2, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema2);
        const add = (key, value) => {
          if (typeof replacer === "function")
            value = replacer.call(obj, key, value);
          else if (Array.isArray(replacer) && !replacer.includes(key))
            return;
          if (value !== void 0 || keepUndefined)
            map.items.push(Pair.createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
          for (const [key, value] of obj)
            add(key, value);
        } else if (obj && typeof obj === "object") {
          for (const key of Object.keys(obj))
            add(key, obj[key]);
        }
        if (typeof schema2.sortMapEntries === "function") {
          map.items.sort(schema2.sortMapEntries);
        }
        return map;
      }
      /**
       * Adds a value to the collection.
       *
       * @param overwrite - If not set `true`, using a key that is already in the
       *   collection will throw. Otherwise, overwrites the previous value.
       */
      add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
          _pair = pair;
        else if (!pair || typeof pair !== "object" || !("key" in pair)) {
          _pair = new Pair.Pair(pair, pair?.value);
        } else
          _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
          if (!overwrite)
            throw new Error(`Key ${_pair.key} already set`);
          if (identity.isScalar(prev.value) && Scalar2.isScalarValue(_pair.value))
            prev.value.value = _pair.value;
          else
            prev.value = _pair.value;
        } else if (sortEntries) {
          const i = this.items.findIndex((item) => sortEntries(_pair, item) < 0);
          if (i === -1)
            this.items.push(_pair);
          else
            this.items.splice(i, 0, _pair);
        } else {
          this.items.push(_pair);
        }
      }
      delete(key) {
        const it = findPair(this.items, key);
        if (!it)
          return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? void 0;
      }
      has(key) {
        return !!findPair(this.items, key);
      }
      set(key, value) {
        this.add(new Pair.Pair(key, value), true);
      }
      /**
       * @param ctx - Conversion context, originally set in Document#toJS()
       * @param {Class} Type - If set, forces the returned collection type
       * @returns Instance of Type, Map, or Object
       */
      toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const item of this.items)
          addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        for (const item of this.items) {
          if (!identity.isPair(item))
            throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
          ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "",
          flowChars: { start: "{", end: "}" },
          itemIndent: ctx.indent || "",
          onChompKeep,
          onComment
        });
      }
    };
    exports.YAMLMap = YAMLMap;
    exports.findPair = findPair;
  }
});

// node_modules/yaml/dist/schema/common/map.js
var require_map = __commonJS({
  "node_modules/yaml/dist/schema/common/map.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLMap = require_YAMLMap();
    var map = {
      collection: "map",
      default: true,
      nodeClass: YAMLMap.YAMLMap,
      tag: "tag:yaml.org,2002:map",
      resolve(map2, onError) {
        if (!identity.isMap(map2))
          onError("Expected a mapping for this tag");
        return map2;
      },
      createNode: (schema2, obj, ctx) => YAMLMap.YAMLMap.from(schema2, obj, ctx)
    };
    exports.map = map;
  }
});

// node_modules/yaml/dist/nodes/YAMLSeq.js
var require_YAMLSeq = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLSeq.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var stringifyCollection = require_stringifyCollection();
    var Collection = require_Collection();
    var identity = require_identity();
    var Scalar2 = require_Scalar();
    var toJS = require_toJS();
    var YAMLSeq = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:seq";
      }
      constructor(schema2) {
        super(identity.SEQ, schema2);
        this.items = [];
      }
      add(value) {
        this.items.push(value);
      }
      /**
       * Removes a value from the collection.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       *
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return void 0;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       */
      has(key) {
        const idx = asItemIndex(key);
        return typeof idx === "number" && idx < this.items.length;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       *
       * If `key` does not contain a representation of an integer, this will throw.
       * It may be wrapped in a `Scalar`.
       */
      set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar2.isScalarValue(value))
          prev.value = value;
        else
          this.items[idx] = value;
      }
      toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
          ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
          seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "- ",
          flowChars: { start: "[", end: "]" },
          itemIndent: (ctx.indent || "") + "  ",
          onChompKeep,
          onComment
        });
      }
      static from(schema2, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema2);
        if (obj && Symbol.iterator in Object(obj)) {
          let i = 0;
          for (let it of obj) {
            if (typeof replacer === "function") {
              const key = obj instanceof Set ? it : String(i++);
              it = replacer.call(obj, key, it);
            }
            seq.items.push(createNode.createNode(it, void 0, ctx));
          }
        }
        return seq;
      }
    };
    function asItemIndex(key) {
      let idx = identity.isScalar(key) ? key.value : key;
      if (idx && typeof idx === "string")
        idx = Number(idx);
      return typeof idx === "number" && Number.isInteger(idx) && idx >= 0 ? idx : null;
    }
    exports.YAMLSeq = YAMLSeq;
  }
});

// node_modules/yaml/dist/schema/common/seq.js
var require_seq = __commonJS({
  "node_modules/yaml/dist/schema/common/seq.js"(exports) {
    "use strict";
    var identity = require_identity();
    var YAMLSeq = require_YAMLSeq();
    var seq = {
      collection: "seq",
      default: true,
      nodeClass: YAMLSeq.YAMLSeq,
      tag: "tag:yaml.org,2002:seq",
      resolve(seq2, onError) {
        if (!identity.isSeq(seq2))
          onError("Expected a sequence for this tag");
        return seq2;
      },
      createNode: (schema2, obj, ctx) => YAMLSeq.YAMLSeq.from(schema2, obj, ctx)
    };
    exports.seq = seq;
  }
});

// node_modules/yaml/dist/schema/common/string.js
var require_string = __commonJS({
  "node_modules/yaml/dist/schema/common/string.js"(exports) {
    "use strict";
    var stringifyString = require_stringifyString();
    var string = {
      identify: (value) => typeof value === "string",
      default: true,
      tag: "tag:yaml.org,2002:str",
      resolve: (str) => str,
      stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
      }
    };
    exports.string = string;
  }
});

// node_modules/yaml/dist/schema/common/null.js
var require_null = __commonJS({
  "node_modules/yaml/dist/schema/common/null.js"(exports) {
    "use strict";
    var Scalar2 = require_Scalar();
    var nullTag = {
      identify: (value) => value == null,
      createNode: () => new Scalar2.Scalar(null),
      default: true,
      tag: "tag:yaml.org,2002:null",
      test: /^(?:~|[Nn]ull|NULL)?$/,
      resolve: () => new Scalar2.Scalar(null),
      stringify: ({ source }, ctx) => typeof source === "string" && nullTag.test.test(source) ? source : ctx.options.nullStr
    };
    exports.nullTag = nullTag;
  }
});

// node_modules/yaml/dist/schema/core/bool.js
var require_bool = __commonJS({
  "node_modules/yaml/dist/schema/core/bool.js"(exports) {
    "use strict";
    var Scalar2 = require_Scalar();
    var boolTag = {
      identify: (value) => typeof value === "boolean",
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
      resolve: (str) => new Scalar2.Scalar(str[0] === "t" || str[0] === "T"),
      stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
          const sv = source[0] === "t" || source[0] === "T";
          if (value === sv)
            return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
      }
    };
    exports.boolTag = boolTag;
  }
});

// node_modules/yaml/dist/stringify/stringifyNumber.js
var require_stringifyNumber = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyNumber.js"(exports) {
    "use strict";
    function stringifyNumber({ format, minFractionDigits, tag, value }) {
      if (typeof value === "bigint")
        return String(value);
      const num = typeof value === "number" ? value : Number(value);
      if (!isFinite(num))
        return isNaN(num) ? ".nan" : num < 0 ? "-.inf" : ".inf";
      let n = Object.is(value, -0) ? "-0" : JSON.stringify(value);
      if (!format && minFractionDigits && (!tag || tag === "tag:yaml.org,2002:float") && /^-?\d/.test(n) && !n.includes("e")) {
        let i = n.indexOf(".");
        if (i < 0) {
          i = n.length;
          n += ".";
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
          n += "0";
      }
      return n;
    }
    exports.stringifyNumber = stringifyNumber;
  }
});

// node_modules/yaml/dist/schema/core/float.js
var require_float = __commonJS({
  "node_modules/yaml/dist/schema/core/float.js"(exports) {
    "use strict";
    var Scalar2 = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
      resolve(str) {
        const node = new Scalar2.Scalar(parseFloat(str));
        const dot = str.indexOf(".");
        if (dot !== -1 && str[str.length - 1] === "0")
          node.minFractionDigits = str.length - dot - 1;
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/core/int.js
var require_int = __commonJS({
  "node_modules/yaml/dist/schema/core/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    var intResolve = (str, offset, radix, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix);
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
      return stringifyNumber.stringifyNumber(node);
    }
    var intOct = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^0o[0-7]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 8, opt),
      stringify: (node) => intStringify(node, 8, "0o")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^0x[0-9a-fA-F]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/core/schema.js
var require_schema = __commonJS({
  "node_modules/yaml/dist/schema/core/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema2 = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.boolTag,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float
    ];
    exports.schema = schema2;
  }
});

// node_modules/yaml/dist/schema/json/schema.js
var require_schema2 = __commonJS({
  "node_modules/yaml/dist/schema/json/schema.js"(exports) {
    "use strict";
    var Scalar2 = require_Scalar();
    var map = require_map();
    var seq = require_seq();
    function intIdentify(value) {
      return typeof value === "bigint" || Number.isInteger(value);
    }
    var stringifyJSON = ({ value }) => JSON.stringify(value);
    var jsonScalars = [
      {
        identify: (value) => typeof value === "string",
        default: true,
        tag: "tag:yaml.org,2002:str",
        resolve: (str) => str,
        stringify: stringifyJSON
      },
      {
        identify: (value) => value == null,
        createNode: () => new Scalar2.Scalar(null),
        default: true,
        tag: "tag:yaml.org,2002:null",
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
      },
      {
        identify: (value) => typeof value === "boolean",
        default: true,
        tag: "tag:yaml.org,2002:bool",
        test: /^true$|^false$/,
        resolve: (str) => str === "true",
        stringify: stringifyJSON
      },
      {
        identify: intIdentify,
        default: true,
        tag: "tag:yaml.org,2002:int",
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
      },
      {
        identify: (value) => typeof value === "number",
        default: true,
        tag: "tag:yaml.org,2002:float",
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: (str) => parseFloat(str),
        stringify: stringifyJSON
      }
    ];
    var jsonError = {
      default: true,
      tag: "",
      test: /^/,
      resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
      }
    };
    var schema2 = [map.map, seq.seq].concat(jsonScalars, jsonError);
    exports.schema = schema2;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/binary.js
var require_binary = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/binary.js"(exports) {
    "use strict";
    var node_buffer = __require("buffer");
    var Scalar2 = require_Scalar();
    var stringifyString = require_stringifyString();
    var binary = {
      identify: (value) => value instanceof Uint8Array,
      // Buffer inherits from Uint8Array
      default: false,
      tag: "tag:yaml.org,2002:binary",
      /**
       * Returns a Buffer in node and an Uint8Array in browsers
       *
       * To use the resulting buffer as an image, you'll want to do something like:
       *
       *   const blob = new Blob([buffer], { type: 'image/jpeg' })
       *   document.querySelector('#photo').src = URL.createObjectURL(blob)
       */
      resolve(src, onError) {
        if (typeof node_buffer.Buffer === "function") {
          return node_buffer.Buffer.from(src, "base64");
        } else if (typeof atob === "function") {
          const str = atob(src.replace(/[\n\r]/g, ""));
          const buffer = new Uint8Array(str.length);
          for (let i = 0; i < str.length; ++i)
            buffer[i] = str.charCodeAt(i);
          return buffer;
        } else {
          onError("This environment does not support reading binary tags; either Buffer or atob is required");
          return src;
        }
      },
      stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
          return "";
        const buf = value;
        let str;
        if (typeof node_buffer.Buffer === "function") {
          str = buf instanceof node_buffer.Buffer ? buf.toString("base64") : node_buffer.Buffer.from(buf.buffer).toString("base64");
        } else if (typeof btoa === "function") {
          let s = "";
          for (let i = 0; i < buf.length; ++i)
            s += String.fromCharCode(buf[i]);
          str = btoa(s);
        } else {
          throw new Error("This environment does not support writing binary tags; either Buffer or btoa is required");
        }
        type ?? (type = Scalar2.Scalar.BLOCK_LITERAL);
        if (type !== Scalar2.Scalar.QUOTE_DOUBLE) {
          const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
          const n = Math.ceil(str.length / lineWidth);
          const lines = new Array(n);
          for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
            lines[i] = str.substr(o, lineWidth);
          }
          str = lines.join(type === Scalar2.Scalar.BLOCK_LITERAL ? "\n" : " ");
        }
        return stringifyString.stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
      }
    };
    exports.binary = binary;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/pairs.js
var require_pairs = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/pairs.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar2 = require_Scalar();
    var YAMLSeq = require_YAMLSeq();
    function resolvePairs(seq, onError) {
      if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
          let item = seq.items[i];
          if (identity.isPair(item))
            continue;
          else if (identity.isMap(item)) {
            if (item.items.length > 1)
              onError("Each pair must have its own sequence indicator");
            const pair = item.items[0] || new Pair.Pair(new Scalar2.Scalar(null));
            if (item.commentBefore)
              pair.key.commentBefore = pair.key.commentBefore ? `${item.commentBefore}
${pair.key.commentBefore}` : item.commentBefore;
            if (item.comment) {
              const cn = pair.value ?? pair.key;
              cn.comment = cn.comment ? `${item.comment}
${cn.comment}` : item.comment;
            }
            item = pair;
          }
          seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
      } else
        onError("Expected a sequence for this tag");
      return seq;
    }
    function createPairs(schema2, iterable, ctx) {
      const { replacer } = ctx;
      const pairs2 = new YAMLSeq.YAMLSeq(schema2);
      pairs2.tag = "tag:yaml.org,2002:pairs";
      let i = 0;
      if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
          if (typeof replacer === "function")
            it = replacer.call(iterable, String(i++), it);
          let key, value;
          if (Array.isArray(it)) {
            if (it.length === 2) {
              key = it[0];
              value = it[1];
            } else
              throw new TypeError(`Expected [key, value] tuple: ${it}`);
          } else if (it && it instanceof Object) {
            const keys = Object.keys(it);
            if (keys.length === 1) {
              key = keys[0];
              value = it[key];
            } else {
              throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
            }
          } else {
            key = it;
          }
          pairs2.items.push(Pair.createPair(key, value, ctx));
        }
      return pairs2;
    }
    var pairs = {
      collection: "seq",
      default: false,
      tag: "tag:yaml.org,2002:pairs",
      resolve: resolvePairs,
      createNode: createPairs
    };
    exports.createPairs = createPairs;
    exports.pairs = pairs;
    exports.resolvePairs = resolvePairs;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/omap.js
var require_omap = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/omap.js"(exports) {
    "use strict";
    var identity = require_identity();
    var toJS = require_toJS();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var pairs = require_pairs();
    var YAMLOMap = class _YAMLOMap extends YAMLSeq.YAMLSeq {
      constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = _YAMLOMap.tag;
      }
      /**
       * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
       * but TypeScript won't allow widening the signature of a child method.
       */
      toJSON(_, ctx) {
        if (!ctx)
          return super.toJSON(_);
        const map = /* @__PURE__ */ new Map();
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const pair of this.items) {
          let key, value;
          if (identity.isPair(pair)) {
            key = toJS.toJS(pair.key, "", ctx);
            value = toJS.toJS(pair.value, key, ctx);
          } else {
            key = toJS.toJS(pair, "", ctx);
          }
          if (map.has(key))
            throw new Error("Ordered maps must not include duplicate keys");
          map.set(key, value);
        }
        return map;
      }
      static from(schema2, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema2, iterable, ctx);
        const omap2 = new this();
        omap2.items = pairs$1.items;
        return omap2;
      }
    };
    YAMLOMap.tag = "tag:yaml.org,2002:omap";
    var omap = {
      collection: "seq",
      identify: (value) => value instanceof Map,
      nodeClass: YAMLOMap,
      default: false,
      tag: "tag:yaml.org,2002:omap",
      resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
          if (identity.isScalar(key)) {
            if (seenKeys.includes(key.value)) {
              onError(`Ordered maps must not include duplicate keys: ${key.value}`);
            } else {
              seenKeys.push(key.value);
            }
          }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
      },
      createNode: (schema2, iterable, ctx) => YAMLOMap.from(schema2, iterable, ctx)
    };
    exports.YAMLOMap = YAMLOMap;
    exports.omap = omap;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/bool.js
var require_bool2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/bool.js"(exports) {
    "use strict";
    var Scalar2 = require_Scalar();
    function boolStringify({ value, source }, ctx) {
      const boolObj = value ? trueTag : falseTag;
      if (source && boolObj.test.test(source))
        return source;
      return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
    var trueTag = {
      identify: (value) => value === true,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
      resolve: () => new Scalar2.Scalar(true),
      stringify: boolStringify
    };
    var falseTag = {
      identify: (value) => value === false,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
      resolve: () => new Scalar2.Scalar(false),
      stringify: boolStringify
    };
    exports.falseTag = falseTag;
    exports.trueTag = trueTag;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/float.js
var require_float2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/float.js"(exports) {
    "use strict";
    var Scalar2 = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str.replace(/_/g, "")),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
      resolve(str) {
        const node = new Scalar2.Scalar(parseFloat(str.replace(/_/g, "")));
        const dot = str.indexOf(".");
        if (dot !== -1) {
          const f = str.substring(dot + 1).replace(/_/g, "");
          if (f[f.length - 1] === "0")
            node.minFractionDigits = f.length;
        }
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports.float = float;
    exports.floatExp = floatExp;
    exports.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/int.js
var require_int2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/int.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    function intResolve(str, offset, radix, { intAsBigInt }) {
      const sign = str[0];
      if (sign === "-" || sign === "+")
        offset += 1;
      str = str.substring(offset).replace(/_/g, "");
      if (intAsBigInt) {
        switch (radix) {
          case 2:
            str = `0b${str}`;
            break;
          case 8:
            str = `0o${str}`;
            break;
          case 16:
            str = `0x${str}`;
            break;
        }
        const n2 = BigInt(str);
        return sign === "-" ? BigInt(-1) * n2 : n2;
      }
      const n = parseInt(str, radix);
      return sign === "-" ? -1 * n : n;
    }
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? "-" + prefix + str.substr(1) : prefix + str;
      }
      return stringifyNumber.stringifyNumber(node);
    }
    var intBin = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "BIN",
      test: /^[-+]?0b[0-1_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
      stringify: (node) => intStringify(node, 2, "0b")
    };
    var intOct = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^[-+]?0[0-7_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
      stringify: (node) => intStringify(node, 8, "0")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9][0-9_]*$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^[-+]?0x[0-9a-fA-F_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports.int = int;
    exports.intBin = intBin;
    exports.intHex = intHex;
    exports.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/set.js
var require_set = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/set.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSet = class _YAMLSet extends YAMLMap.YAMLMap {
      constructor(schema2) {
        super(schema2);
        this.tag = _YAMLSet.tag;
      }
      add(key) {
        let pair;
        if (identity.isPair(key))
          pair = key;
        else if (key && typeof key === "object" && "key" in key && "value" in key && key.value === null)
          pair = new Pair.Pair(key.key, null);
        else
          pair = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
          this.items.push(pair);
      }
      /**
       * If `keepPair` is `true`, returns the Pair matching `key`.
       * Otherwise, returns the value of that Pair's key.
       */
      get(key, keepPair) {
        const pair = YAMLMap.findPair(this.items, key);
        return !keepPair && identity.isPair(pair) ? identity.isScalar(pair.key) ? pair.key.value : pair.key : pair;
      }
      set(key, value) {
        if (typeof value !== "boolean")
          throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value) {
          this.items.splice(this.items.indexOf(prev), 1);
        } else if (!prev && value) {
          this.items.push(new Pair.Pair(key));
        }
      }
      toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        if (this.hasAllNullValues(true))
          return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
          throw new Error("Set items must all have null values");
      }
      static from(schema2, iterable, ctx) {
        const { replacer } = ctx;
        const set2 = new this(schema2);
        if (iterable && Symbol.iterator in Object(iterable))
          for (let value of iterable) {
            if (typeof replacer === "function")
              value = replacer.call(iterable, value, value);
            set2.items.push(Pair.createPair(value, null, ctx));
          }
        return set2;
      }
    };
    YAMLSet.tag = "tag:yaml.org,2002:set";
    var set = {
      collection: "map",
      identify: (value) => value instanceof Set,
      nodeClass: YAMLSet,
      default: false,
      tag: "tag:yaml.org,2002:set",
      createNode: (schema2, iterable, ctx) => YAMLSet.from(schema2, iterable, ctx),
      resolve(map, onError) {
        if (identity.isMap(map)) {
          if (map.hasAllNullValues(true))
            return Object.assign(new YAMLSet(), map);
          else
            onError("Set items must all have null values");
        } else
          onError("Expected a mapping for this tag");
        return map;
      }
    };
    exports.YAMLSet = YAMLSet;
    exports.set = set;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/timestamp.js
var require_timestamp = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/timestamp.js"(exports) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    function parseSexagesimal(str, asBigInt) {
      const sign = str[0];
      const parts = sign === "-" || sign === "+" ? str.substring(1) : str;
      const num = (n) => asBigInt ? BigInt(n) : Number(n);
      const res = parts.replace(/_/g, "").split(":").reduce((res2, p) => res2 * num(60) + num(p), num(0));
      return sign === "-" ? num(-1) * res : res;
    }
    function stringifySexagesimal(node) {
      let { value } = node;
      let num = (n) => n;
      if (typeof value === "bigint")
        num = (n) => BigInt(n);
      else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
      let sign = "";
      if (value < 0) {
        sign = "-";
        value *= num(-1);
      }
      const _60 = num(60);
      const parts = [value % _60];
      if (value < 60) {
        parts.unshift(0);
      } else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60);
        if (value >= 60) {
          value = (value - parts[0]) / _60;
          parts.unshift(value);
        }
      }
      return sign + parts.map((n) => String(n).padStart(2, "0")).join(":").replace(/000000\d*$/, "");
    }
    var intTime = {
      identify: (value) => typeof value === "bigint" || Number.isInteger(value),
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
      resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
      stringify: stringifySexagesimal
    };
    var floatTime = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
      resolve: (str) => parseSexagesimal(str, false),
      stringify: stringifySexagesimal
    };
    var timestamp2 = {
      identify: (value) => value instanceof Date,
      default: true,
      tag: "tag:yaml.org,2002:timestamp",
      // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
      // may be omitted altogether, resulting in a date format. In such a case, the time part is
      // assumed to be 00:00:00Z (start of day, UTC).
      test: RegExp("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$"),
      resolve(str) {
        const match = str.match(timestamp2.test);
        if (!match)
          throw new Error("!!timestamp expects a date, starting with yyyy-mm-dd");
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + "00").substr(1, 3)) : 0;
        let date2 = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== "Z") {
          let d = parseSexagesimal(tz, false);
          if (Math.abs(d) < 30)
            d *= 60;
          date2 -= 6e4 * d;
        }
        return new Date(date2);
      },
      stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, "") ?? ""
    };
    exports.floatTime = floatTime;
    exports.intTime = intTime;
    exports.timestamp = timestamp2;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/schema.js
var require_schema3 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/schema.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var binary = require_binary();
    var bool = require_bool2();
    var float = require_float2();
    var int = require_int2();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var set = require_set();
    var timestamp2 = require_timestamp();
    var schema2 = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.trueTag,
      bool.falseTag,
      int.intBin,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float,
      binary.binary,
      merge.merge,
      omap.omap,
      pairs.pairs,
      set.set,
      timestamp2.intTime,
      timestamp2.floatTime,
      timestamp2.timestamp
    ];
    exports.schema = schema2;
  }
});

// node_modules/yaml/dist/schema/tags.js
var require_tags = __commonJS({
  "node_modules/yaml/dist/schema/tags.js"(exports) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema2 = require_schema();
    var schema$1 = require_schema2();
    var binary = require_binary();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var schema$2 = require_schema3();
    var set = require_set();
    var timestamp2 = require_timestamp();
    var schemas = /* @__PURE__ */ new Map([
      ["core", schema2.schema],
      ["failsafe", [map.map, seq.seq, string.string]],
      ["json", schema$1.schema],
      ["yaml11", schema$2.schema],
      ["yaml-1.1", schema$2.schema]
    ]);
    var tagsByName = {
      binary: binary.binary,
      bool: bool.boolTag,
      float: float.float,
      floatExp: float.floatExp,
      floatNaN: float.floatNaN,
      floatTime: timestamp2.floatTime,
      int: int.int,
      intHex: int.intHex,
      intOct: int.intOct,
      intTime: timestamp2.intTime,
      map: map.map,
      merge: merge.merge,
      null: _null.nullTag,
      omap: omap.omap,
      pairs: pairs.pairs,
      seq: seq.seq,
      set: set.set,
      timestamp: timestamp2.timestamp
    };
    var coreKnownTags = {
      "tag:yaml.org,2002:binary": binary.binary,
      "tag:yaml.org,2002:merge": merge.merge,
      "tag:yaml.org,2002:omap": omap.omap,
      "tag:yaml.org,2002:pairs": pairs.pairs,
      "tag:yaml.org,2002:set": set.set,
      "tag:yaml.org,2002:timestamp": timestamp2.timestamp
    };
    function getTags(customTags2, schemaName, addMergeTag) {
      const schemaTags = schemas.get(schemaName);
      if (schemaTags && !customTags2) {
        return addMergeTag && !schemaTags.includes(merge.merge) ? schemaTags.concat(merge.merge) : schemaTags.slice();
      }
      let tags = schemaTags;
      if (!tags) {
        if (Array.isArray(customTags2))
          tags = [];
        else {
          const keys = Array.from(schemas.keys()).filter((key) => key !== "yaml11").map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
      }
      if (Array.isArray(customTags2)) {
        for (const tag of customTags2)
          tags = tags.concat(tag);
      } else if (typeof customTags2 === "function") {
        tags = customTags2(tags.slice());
      }
      if (addMergeTag)
        tags = tags.concat(merge.merge);
      return tags.reduce((tags2, tag) => {
        const tagObj = typeof tag === "string" ? tagsByName[tag] : tag;
        if (!tagObj) {
          const tagName = JSON.stringify(tag);
          const keys = Object.keys(tagsByName).map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags2.includes(tagObj))
          tags2.push(tagObj);
        return tags2;
      }, []);
    }
    exports.coreKnownTags = coreKnownTags;
    exports.getTags = getTags;
  }
});

// node_modules/yaml/dist/schema/Schema.js
var require_Schema = __commonJS({
  "node_modules/yaml/dist/schema/Schema.js"(exports) {
    "use strict";
    var identity = require_identity();
    var map = require_map();
    var seq = require_seq();
    var string = require_string();
    var tags = require_tags();
    var sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    var Schema2 = class _Schema {
      constructor({ compat, customTags: customTags2, merge, resolveKnownTags, schema: schema2, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat) ? tags.getTags(compat, "compat") : compat ? tags.getTags(null, compat) : null;
        this.name = typeof schema2 === "string" && schema2 || "core";
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags2, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        this.sortMapEntries = typeof sortMapEntries === "function" ? sortMapEntries : sortMapEntries === true ? sortMapEntriesByKey : null;
      }
      clone() {
        const copy = Object.create(_Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
      }
    };
    exports.Schema = Schema2;
  }
});

// node_modules/yaml/dist/stringify/stringifyDocument.js
var require_stringifyDocument = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyDocument.js"(exports) {
    "use strict";
    var identity = require_identity();
    var stringify3 = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyDocument(doc, options) {
      const lines = [];
      let hasDirectives = options.directives === true;
      if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
          lines.push(dir);
          hasDirectives = true;
        } else if (doc.directives.docStart)
          hasDirectives = true;
      }
      if (hasDirectives)
        lines.push("---");
      const ctx = stringify3.createStringifyContext(doc, options);
      const { commentString } = ctx.options;
      if (doc.commentBefore) {
        if (lines.length !== 1)
          lines.unshift("");
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ""));
      }
      let chompKeep = false;
      let contentComment = null;
      if (doc.contents) {
        if (identity.isNode(doc.contents)) {
          if (doc.contents.spaceBefore && hasDirectives)
            lines.push("");
          if (doc.contents.commentBefore) {
            const cs = commentString(doc.contents.commentBefore);
            lines.push(stringifyComment.indentComment(cs, ""));
          }
          ctx.forceBlockIndent = !!doc.comment;
          contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? void 0 : () => chompKeep = true;
        let body = stringify3.stringify(doc.contents, ctx, () => contentComment = null, onChompKeep);
        if (contentComment)
          body += stringifyComment.lineComment(body, "", commentString(contentComment));
        if ((body[0] === "|" || body[0] === ">") && lines[lines.length - 1] === "---") {
          lines[lines.length - 1] = `--- ${body}`;
        } else
          lines.push(body);
      } else {
        lines.push(stringify3.stringify(doc.contents, ctx));
      }
      if (doc.directives?.docEnd) {
        if (doc.comment) {
          const cs = commentString(doc.comment);
          if (cs.includes("\n")) {
            lines.push("...");
            lines.push(stringifyComment.indentComment(cs, ""));
          } else {
            lines.push(`... ${cs}`);
          }
        } else {
          lines.push("...");
        }
      } else {
        let dc = doc.comment;
        if (dc && chompKeep)
          dc = dc.replace(/^\n+/, "");
        if (dc) {
          if ((!chompKeep || contentComment) && lines[lines.length - 1] !== "")
            lines.push("");
          lines.push(stringifyComment.indentComment(commentString(dc), ""));
        }
      }
      return lines.join("\n") + "\n";
    }
    exports.stringifyDocument = stringifyDocument;
  }
});

// node_modules/yaml/dist/doc/Document.js
var require_Document = __commonJS({
  "node_modules/yaml/dist/doc/Document.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var toJS = require_toJS();
    var Schema2 = require_Schema();
    var stringifyDocument = require_stringifyDocument();
    var anchors = require_anchors();
    var applyReviver = require_applyReviver();
    var createNode = require_createNode();
    var directives = require_directives();
    var Document2 = class _Document {
      constructor(value, replacer, options) {
        this.commentBefore = null;
        this.comment = null;
        this.errors = [];
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === "function" || Array.isArray(replacer)) {
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const opt = Object.assign({
          intAsBigInt: false,
          keepSourceTokens: false,
          logLevel: "warn",
          prettyErrors: true,
          strict: true,
          stringKeys: false,
          uniqueKeys: true,
          version: "1.2"
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
          this.directives = options._directives.atDocument();
          if (this.directives.yaml.explicit)
            version = this.directives.yaml.version;
        } else
          this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        this.contents = value === void 0 ? null : this.createNode(value, _replacer, options);
      }
      /**
       * Create a deep copy of this Document and its contents.
       *
       * Custom Node values that inherit from `Object` still refer to their original instances.
       */
      clone() {
        const copy = Object.create(_Document.prototype, {
          [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
          copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        copy.contents = identity.isNode(this.contents) ? this.contents.clone(copy.schema) : this.contents;
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** Adds a value to the document. */
      add(value) {
        if (assertCollection(this.contents))
          this.contents.add(value);
      }
      /** Adds a value to the document. */
      addIn(path2, value) {
        if (assertCollection(this.contents))
          this.contents.addIn(path2, value);
      }
      /**
       * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
       *
       * If `node` already has an anchor, `name` is ignored.
       * Otherwise, the `node.anchor` value will be set to `name`,
       * or if an anchor with that name is already present in the document,
       * `name` will be used as a prefix for a new unique anchor.
       * If `name` is undefined, the generated anchor will use 'a' as a prefix.
       */
      createAlias(node, name) {
        if (!node.anchor) {
          const prev = anchors.anchorNames(this);
          node.anchor = // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          !name || prev.has(name) ? anchors.findNewAnchor(name || "a", prev) : name;
        }
        return new Alias.Alias(node.anchor);
      }
      createNode(value, replacer, options) {
        let _replacer = void 0;
        if (typeof replacer === "function") {
          value = replacer.call({ "": value }, "", value);
          _replacer = replacer;
        } else if (Array.isArray(replacer)) {
          const keyToStr = (v) => typeof v === "number" || v instanceof String || v instanceof Number;
          const asStr = replacer.filter(keyToStr).map(String);
          if (asStr.length > 0)
            replacer = replacer.concat(asStr);
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(
          this,
          // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          anchorPrefix || "a"
        );
        const ctx = {
          aliasDuplicateObjects: aliasDuplicateObjects ?? true,
          keepUndefined: keepUndefined ?? false,
          onAnchor,
          onTagObj,
          replacer: _replacer,
          schema: this.schema,
          sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
          node.flow = true;
        setAnchors();
        return node;
      }
      /**
       * Convert a key and a value into a `Pair` using the current schema,
       * recursively wrapping all values as `Scalar` or `Collection` nodes.
       */
      createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path2) {
        if (Collection.isEmptyPath(path2)) {
          if (this.contents == null)
            return false;
          this.contents = null;
          return true;
        }
        return assertCollection(this.contents) ? this.contents.deleteIn(path2) : false;
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      get(key, keepScalar) {
        return identity.isCollection(this.contents) ? this.contents.get(key, keepScalar) : void 0;
      }
      /**
       * Returns item at `path`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path2, keepScalar) {
        if (Collection.isEmptyPath(path2))
          return !keepScalar && identity.isScalar(this.contents) ? this.contents.value : this.contents;
        return identity.isCollection(this.contents) ? this.contents.getIn(path2, keepScalar) : void 0;
      }
      /**
       * Checks if the document includes a value with the key `key`.
       */
      has(key) {
        return identity.isCollection(this.contents) ? this.contents.has(key) : false;
      }
      /**
       * Checks if the document includes a value at `path`.
       */
      hasIn(path2) {
        if (Collection.isEmptyPath(path2))
          return this.contents !== void 0;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path2) : false;
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      set(key, value) {
        if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, [key], value);
        } else if (assertCollection(this.contents)) {
          this.contents.set(key, value);
        }
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path2, value) {
        if (Collection.isEmptyPath(path2)) {
          this.contents = value;
        } else if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, Array.from(path2), value);
        } else if (assertCollection(this.contents)) {
          this.contents.setIn(path2, value);
        }
      }
      /**
       * Change the YAML version and schema used by the document.
       * A `null` version disables support for directives, explicit tags, anchors, and aliases.
       * It also requires the `schema` option to be given as a `Schema` instance value.
       *
       * Overrides all previously set schema options.
       */
      setSchema(version, options = {}) {
        if (typeof version === "number")
          version = String(version);
        let opt;
        switch (version) {
          case "1.1":
            if (this.directives)
              this.directives.yaml.version = "1.1";
            else
              this.directives = new directives.Directives({ version: "1.1" });
            opt = { resolveKnownTags: false, schema: "yaml-1.1" };
            break;
          case "1.2":
          case "next":
            if (this.directives)
              this.directives.yaml.version = version;
            else
              this.directives = new directives.Directives({ version });
            opt = { resolveKnownTags: true, schema: "core" };
            break;
          case null:
            if (this.directives)
              delete this.directives;
            opt = null;
            break;
          default: {
            const sv = JSON.stringify(version);
            throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
          }
        }
        if (options.schema instanceof Object)
          this.schema = options.schema;
        else if (opt)
          this.schema = new Schema2.Schema(Object.assign(opt, options));
        else
          throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
      }
      // json & jsonArg are only used from toJSON()
      toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc: this,
          keep: !json,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
      /**
       * A JSON representation of the document `contents`.
       *
       * @param jsonArg Used by `JSON.stringify` to indicate the array index or
       *   property name.
       */
      toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
      }
      /** A YAML representation of the document. */
      toString(options = {}) {
        if (this.errors.length > 0)
          throw new Error("Document with errors cannot be stringified");
        if ("indent" in options && (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
          const s = JSON.stringify(options.indent);
          throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
      }
    };
    function assertCollection(contents) {
      if (identity.isCollection(contents))
        return true;
      throw new Error("Expected a YAML collection as document contents");
    }
    exports.Document = Document2;
  }
});

// node_modules/yaml/dist/errors.js
var require_errors = __commonJS({
  "node_modules/yaml/dist/errors.js"(exports) {
    "use strict";
    var YAMLError = class extends Error {
      constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
      }
    };
    var YAMLParseError2 = class extends YAMLError {
      constructor(pos, code, message) {
        super("YAMLParseError", pos, code, message);
      }
    };
    var YAMLWarning = class extends YAMLError {
      constructor(pos, code, message) {
        super("YAMLWarning", pos, code, message);
      }
    };
    var prettifyError = (src, lc) => (error2) => {
      if (error2.pos[0] === -1)
        return;
      error2.linePos = error2.pos.map((pos) => lc.linePos(pos));
      const { line, col } = error2.linePos[0];
      error2.message += ` at line ${line}, column ${col}`;
      let ci = col - 1;
      let lineStr = src.substring(lc.lineStarts[line - 1], lc.lineStarts[line]).replace(/[\n\r]+$/, "");
      if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = "\u2026" + lineStr.substring(trimStart);
        ci -= trimStart - 1;
      }
      if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + "\u2026";
      if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
          prev = prev.substring(0, 79) + "\u2026\n";
        lineStr = prev + lineStr;
      }
      if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error2.linePos[1];
        if (end?.line === line && end.col > col) {
          count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = " ".repeat(ci) + "^".repeat(count);
        error2.message += `:

${lineStr}
${pointer}
`;
      }
    };
    exports.YAMLError = YAMLError;
    exports.YAMLParseError = YAMLParseError2;
    exports.YAMLWarning = YAMLWarning;
    exports.prettifyError = prettifyError;
  }
});

// node_modules/yaml/dist/compose/resolve-props.js
var require_resolve_props = __commonJS({
  "node_modules/yaml/dist/compose/resolve-props.js"(exports) {
    "use strict";
    function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
      let spaceBefore = false;
      let atNewline = startOnNewline;
      let hasSpace = startOnNewline;
      let comment = "";
      let commentSep = "";
      let hasNewline = false;
      let reqSpace = false;
      let tab = null;
      let anchor = null;
      let tag = null;
      let newlineAfterProp = null;
      let comma = null;
      let found = null;
      let start = null;
      for (const token of tokens) {
        if (reqSpace) {
          if (token.type !== "space" && token.type !== "newline" && token.type !== "comma")
            onError(token.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
          reqSpace = false;
        }
        if (tab) {
          if (atNewline && token.type !== "comment" && token.type !== "newline") {
            onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
          }
          tab = null;
        }
        switch (token.type) {
          case "space":
            if (!flow && (indicator !== "doc-start" || next?.type !== "flow-collection") && token.source.includes("	")) {
              tab = token;
            }
            hasSpace = true;
            break;
          case "comment": {
            if (!hasSpace)
              onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
            const cb = token.source.substring(1) || " ";
            if (!comment)
              comment = cb;
            else
              comment += commentSep + cb;
            commentSep = "";
            atNewline = false;
            break;
          }
          case "newline":
            if (atNewline) {
              if (comment)
                comment += token.source;
              else if (!found || indicator !== "seq-item-ind")
                spaceBefore = true;
            } else
              commentSep += token.source;
            atNewline = true;
            hasNewline = true;
            if (anchor || tag)
              newlineAfterProp = token;
            hasSpace = true;
            break;
          case "anchor":
            if (anchor)
              onError(token, "MULTIPLE_ANCHORS", "A node can have at most one anchor");
            if (token.source.endsWith(":"))
              onError(token.offset + token.source.length - 1, "BAD_ALIAS", "Anchor ending in : is ambiguous", true);
            anchor = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          case "tag": {
            if (tag)
              onError(token, "MULTIPLE_TAGS", "A node can have at most one tag");
            tag = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          }
          case indicator:
            if (anchor || tag)
              onError(token, "BAD_PROP_ORDER", `Anchors and tags must be after the ${token.source} indicator`);
            if (found)
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.source} in ${flow ?? "collection"}`);
            found = token;
            atNewline = indicator === "seq-item-ind" || indicator === "explicit-key-ind";
            hasSpace = false;
            break;
          case "comma":
            if (flow) {
              if (comma)
                onError(token, "UNEXPECTED_TOKEN", `Unexpected , in ${flow}`);
              comma = token;
              atNewline = false;
              hasSpace = false;
              break;
            }
          // else fallthrough
          default:
            onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.type} token`);
            atNewline = false;
            hasSpace = false;
        }
      }
      const last = tokens[tokens.length - 1];
      const end = last ? last.offset + last.source.length : offset;
      if (reqSpace && next && next.type !== "space" && next.type !== "newline" && next.type !== "comma" && (next.type !== "scalar" || next.source !== "")) {
        onError(next.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
      }
      if (tab && (atNewline && tab.indent <= parentIndent || next?.type === "block-map" || next?.type === "block-seq"))
        onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
      return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
      };
    }
    exports.resolveProps = resolveProps;
  }
});

// node_modules/yaml/dist/compose/util-contains-newline.js
var require_util_contains_newline = __commonJS({
  "node_modules/yaml/dist/compose/util-contains-newline.js"(exports) {
    "use strict";
    function containsNewline(key) {
      if (!key)
        return null;
      switch (key.type) {
        case "alias":
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          if (key.source.includes("\n"))
            return true;
          if (key.end) {
            for (const st of key.end)
              if (st.type === "newline")
                return true;
          }
          return false;
        case "flow-collection":
          for (const it of key.items) {
            for (const st of it.start)
              if (st.type === "newline")
                return true;
            if (it.sep) {
              for (const st of it.sep)
                if (st.type === "newline")
                  return true;
            }
            if (containsNewline(it.key) || containsNewline(it.value))
              return true;
          }
          return false;
        default:
          return true;
      }
    }
    exports.containsNewline = containsNewline;
  }
});

// node_modules/yaml/dist/compose/util-flow-indent-check.js
var require_util_flow_indent_check = __commonJS({
  "node_modules/yaml/dist/compose/util-flow-indent-check.js"(exports) {
    "use strict";
    var utilContainsNewline = require_util_contains_newline();
    function flowIndentCheck(indent, fc, onError) {
      if (fc?.type === "flow-collection") {
        const end = fc.end[0];
        if (end.indent === indent && (end.source === "]" || end.source === "}") && utilContainsNewline.containsNewline(fc)) {
          const msg = "Flow end indicator should be more indented than parent";
          onError(end, "BAD_INDENT", msg, true);
        }
      }
    }
    exports.flowIndentCheck = flowIndentCheck;
  }
});

// node_modules/yaml/dist/compose/util-map-includes.js
var require_util_map_includes = __commonJS({
  "node_modules/yaml/dist/compose/util-map-includes.js"(exports) {
    "use strict";
    var identity = require_identity();
    function mapIncludes(ctx, items, search) {
      const { uniqueKeys } = ctx.options;
      if (uniqueKeys === false)
        return false;
      const isEqual = typeof uniqueKeys === "function" ? uniqueKeys : (a, b) => a === b || identity.isScalar(a) && identity.isScalar(b) && a.value === b.value;
      return items.some((pair) => isEqual(pair.key, search));
    }
    exports.mapIncludes = mapIncludes;
  }
});

// node_modules/yaml/dist/compose/resolve-block-map.js
var require_resolve_block_map = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-map.js"(exports) {
    "use strict";
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    var utilMapIncludes = require_util_map_includes();
    var startColMsg = "All mapping items must start at the same column";
    function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
      const map = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      let offset = bm.offset;
      let commentEnd = null;
      for (const collItem of bm.items) {
        const { start, key, sep: sep2, value } = collItem;
        const keyProps = resolveProps.resolveProps(start, {
          indicator: "explicit-key-ind",
          next: key ?? sep2?.[0],
          offset,
          onError,
          parentIndent: bm.indent,
          startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
          if (key) {
            if (key.type === "block-seq")
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "A block sequence may not be used as an implicit map key");
            else if ("indent" in key && key.indent !== bm.indent)
              onError(offset, "BAD_INDENT", startColMsg);
          }
          if (!keyProps.anchor && !keyProps.tag && !sep2) {
            commentEnd = keyProps.end;
            if (keyProps.comment) {
              if (map.comment)
                map.comment += "\n" + keyProps.comment;
              else
                map.comment = keyProps.comment;
            }
            continue;
          }
          if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
            onError(key ?? start[start.length - 1], "MULTILINE_IMPLICIT_KEY", "Implicit keys need to be on a single line");
          }
        } else if (keyProps.found?.indent !== bm.indent) {
          onError(offset, "BAD_INDENT", startColMsg);
        }
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key ? composeNode(ctx, key, keyProps, onError) : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
          onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
        const valueProps = resolveProps.resolveProps(sep2 ?? [], {
          indicator: "map-value-ind",
          next: value,
          offset: keyNode.range[2],
          onError,
          parentIndent: bm.indent,
          startOnNewline: !key || key.type === "block-scalar"
        });
        offset = valueProps.end;
        if (valueProps.found) {
          if (implicitKey) {
            if (value?.type === "block-map" && !valueProps.hasNewline)
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "Nested mappings are not allowed in compact mappings");
            if (ctx.options.strict && keyProps.start < valueProps.found.offset - 1024)
              onError(keyNode.range, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit block mapping key");
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : composeEmptyNode(ctx, offset, sep2, null, valueProps, onError);
          if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
          offset = valueNode.range[2];
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        } else {
          if (implicitKey)
            onError(keyNode.range, "MISSING_CHAR", "Implicit map keys need to be followed by map values");
          if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        }
      }
      if (commentEnd && commentEnd < offset)
        onError(commentEnd, "IMPOSSIBLE", "Map comment with trailing content");
      map.range = [bm.offset, offset, commentEnd ?? offset];
      return map;
    }
    exports.resolveBlockMap = resolveBlockMap;
  }
});

// node_modules/yaml/dist/compose/resolve-block-seq.js
var require_resolve_block_seq = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-seq.js"(exports) {
    "use strict";
    var YAMLSeq = require_YAMLSeq();
    var resolveProps = require_resolve_props();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
      const seq = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = bs.offset;
      let commentEnd = null;
      for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
          indicator: "seq-item-ind",
          next: value,
          offset,
          onError,
          parentIndent: bs.indent,
          startOnNewline: true
        });
        if (!props.found) {
          if (props.anchor || props.tag || value) {
            if (value?.type === "block-seq")
              onError(props.end, "BAD_INDENT", "All sequence items must start at the same column");
            else
              onError(offset, "MISSING_CHAR", "Sequence item without - indicator");
          } else {
            commentEnd = props.end;
            if (props.comment)
              seq.comment = props.comment;
            continue;
          }
        }
        const node = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
      }
      seq.range = [bs.offset, offset, commentEnd ?? offset];
      return seq;
    }
    exports.resolveBlockSeq = resolveBlockSeq;
  }
});

// node_modules/yaml/dist/compose/resolve-end.js
var require_resolve_end = __commonJS({
  "node_modules/yaml/dist/compose/resolve-end.js"(exports) {
    "use strict";
    function resolveEnd(end, offset, reqSpace, onError) {
      let comment = "";
      if (end) {
        let hasSpace = false;
        let sep2 = "";
        for (const token of end) {
          const { source, type } = token;
          switch (type) {
            case "space":
              hasSpace = true;
              break;
            case "comment": {
              if (reqSpace && !hasSpace)
                onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
              const cb = source.substring(1) || " ";
              if (!comment)
                comment = cb;
              else
                comment += sep2 + cb;
              sep2 = "";
              break;
            }
            case "newline":
              if (comment)
                sep2 += source;
              hasSpace = true;
              break;
            default:
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${type} at node end`);
          }
          offset += source.length;
        }
      }
      return { comment, offset };
    }
    exports.resolveEnd = resolveEnd;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-collection.js
var require_resolve_flow_collection = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilMapIncludes = require_util_map_includes();
    var blockMsg = "Block collections are not allowed within flow collections";
    var isBlock = (token) => token && (token.type === "block-map" || token.type === "block-seq");
    function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
      const isMap2 = fc.start.source === "{";
      const fcName = isMap2 ? "flow map" : "flow sequence";
      const NodeClass = tag?.nodeClass ?? (isMap2 ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq);
      const coll = new NodeClass(ctx.schema);
      coll.flow = true;
      const atRoot = ctx.atRoot;
      if (atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = fc.offset + fc.start.source.length;
      for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep: sep2, value } = collItem;
        const props = resolveProps.resolveProps(start, {
          flow: fcName,
          indicator: "explicit-key-ind",
          next: key ?? sep2?.[0],
          offset,
          onError,
          parentIndent: fc.indent,
          startOnNewline: false
        });
        if (!props.found) {
          if (!props.anchor && !props.tag && !sep2 && !value) {
            if (i === 0 && props.comma)
              onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
            else if (i < fc.items.length - 1)
              onError(props.start, "UNEXPECTED_TOKEN", `Unexpected empty item in ${fcName}`);
            if (props.comment) {
              if (coll.comment)
                coll.comment += "\n" + props.comment;
              else
                coll.comment = props.comment;
            }
            offset = props.end;
            continue;
          }
          if (!isMap2 && ctx.options.strict && utilContainsNewline.containsNewline(key))
            onError(
              key,
              // checked by containsNewline()
              "MULTILINE_IMPLICIT_KEY",
              "Implicit keys of flow sequence pairs need to be on a single line"
            );
        }
        if (i === 0) {
          if (props.comma)
            onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
        } else {
          if (!props.comma)
            onError(props.start, "MISSING_CHAR", `Missing , between ${fcName} items`);
          if (props.comment) {
            let prevItemComment = "";
            loop: for (const st of start) {
              switch (st.type) {
                case "comma":
                case "space":
                  break;
                case "comment":
                  prevItemComment = st.source.substring(1);
                  break loop;
                default:
                  break loop;
              }
            }
            if (prevItemComment) {
              let prev = coll.items[coll.items.length - 1];
              if (identity.isPair(prev))
                prev = prev.value ?? prev.key;
              if (prev.comment)
                prev.comment += "\n" + prevItemComment;
              else
                prev.comment = prevItemComment;
              props.comment = props.comment.substring(prevItemComment.length + 1);
            }
          }
        }
        if (!isMap2 && !sep2 && !props.found) {
          const valueNode = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, sep2, null, props, onError);
          coll.items.push(valueNode);
          offset = valueNode.range[2];
          if (isBlock(value))
            onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
        } else {
          ctx.atKey = true;
          const keyStart = props.end;
          const keyNode = key ? composeNode(ctx, key, props, onError) : composeEmptyNode(ctx, keyStart, start, null, props, onError);
          if (isBlock(key))
            onError(keyNode.range, "BLOCK_IN_FLOW", blockMsg);
          ctx.atKey = false;
          const valueProps = resolveProps.resolveProps(sep2 ?? [], {
            flow: fcName,
            indicator: "map-value-ind",
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
          });
          if (valueProps.found) {
            if (!isMap2 && !props.found && ctx.options.strict) {
              if (sep2)
                for (const st of sep2) {
                  if (st === valueProps.found)
                    break;
                  if (st.type === "newline") {
                    onError(st, "MULTILINE_IMPLICIT_KEY", "Implicit keys of flow sequence pairs need to be on a single line");
                    break;
                  }
                }
              if (props.start < valueProps.found.offset - 1024)
                onError(valueProps.found, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit flow sequence key");
            }
          } else if (value) {
            if ("source" in value && value.source?.[0] === ":")
              onError(value, "MISSING_CHAR", `Missing space after : in ${fcName}`);
            else
              onError(valueProps.start, "MISSING_CHAR", `Missing , or : between ${fcName} items`);
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : valueProps.found ? composeEmptyNode(ctx, valueProps.end, sep2, null, valueProps, onError) : null;
          if (valueNode) {
            if (isBlock(value))
              onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
          } else if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          if (isMap2) {
            const map = coll;
            if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
              onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
            map.items.push(pair);
          } else {
            const map = new YAMLMap.YAMLMap(ctx.schema);
            map.flow = true;
            map.items.push(pair);
            const endRange = (valueNode ?? keyNode).range;
            map.range = [keyNode.range[0], endRange[1], endRange[2]];
            coll.items.push(map);
          }
          offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
      }
      const expectedEnd = isMap2 ? "}" : "]";
      const [ce, ...ee] = fc.end;
      let cePos = offset;
      if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
      else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot ? `${name} must end with a ${expectedEnd}` : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? "MISSING_CHAR" : "BAD_INDENT", msg);
        if (ce && ce.source.length !== 1)
          ee.unshift(ce);
      }
      if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
          if (coll.comment)
            coll.comment += "\n" + end.comment;
          else
            coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
      } else {
        coll.range = [fc.offset, cePos, cePos];
      }
      return coll;
    }
    exports.resolveFlowCollection = resolveFlowCollection;
  }
});

// node_modules/yaml/dist/compose/compose-collection.js
var require_compose_collection = __commonJS({
  "node_modules/yaml/dist/compose/compose-collection.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar2 = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveBlockMap = require_resolve_block_map();
    var resolveBlockSeq = require_resolve_block_seq();
    var resolveFlowCollection = require_resolve_flow_collection();
    function resolveCollection(CN, ctx, token, onError, tagName, tag) {
      const coll = token.type === "block-map" ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag) : token.type === "block-seq" ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag) : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
      const Coll = coll.constructor;
      if (tagName === "!" || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
      }
      if (tagName)
        coll.tag = tagName;
      return coll;
    }
    function composeCollection(CN, ctx, token, props, onError) {
      const tagToken = props.tag;
      const tagName = !tagToken ? null : ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg));
      if (token.type === "block-seq") {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken ? anchor.offset > tagToken.offset ? anchor : tagToken : anchor ?? tagToken;
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
          const message = "Missing newline after block sequence props";
          onError(lastProp, "MISSING_CHAR", message);
        }
      }
      const expType = token.type === "block-map" ? "map" : token.type === "block-seq" ? "seq" : token.start.source === "{" ? "map" : "seq";
      if (!tagToken || !tagName || tagName === "!" || tagName === YAMLMap.YAMLMap.tagName && expType === "map" || tagName === YAMLSeq.YAMLSeq.tagName && expType === "seq") {
        return resolveCollection(CN, ctx, token, onError, tagName);
      }
      let tag = ctx.schema.tags.find((t2) => t2.tag === tagName && t2.collection === expType);
      if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
          ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
          tag = kt;
        } else {
          if (kt) {
            onError(tagToken, "BAD_COLLECTION_TYPE", `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? "scalar"}`, true);
          } else {
            onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, true);
          }
          return resolveCollection(CN, ctx, token, onError, tagName);
        }
      }
      const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
      const res = tag.resolve?.(coll, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg), ctx.options) ?? coll;
      const node = identity.isNode(res) ? res : new Scalar2.Scalar(res);
      node.range = coll.range;
      node.tag = tagName;
      if (tag?.format)
        node.format = tag.format;
      return node;
    }
    exports.composeCollection = composeCollection;
  }
});

// node_modules/yaml/dist/compose/resolve-block-scalar.js
var require_resolve_block_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-scalar.js"(exports) {
    "use strict";
    var Scalar2 = require_Scalar();
    function resolveBlockScalar(ctx, scalar, onError) {
      const start = scalar.offset;
      const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
      if (!header)
        return { value: "", type: null, comment: "", range: [start, start, start] };
      const type = header.mode === ">" ? Scalar2.Scalar.BLOCK_FOLDED : Scalar2.Scalar.BLOCK_LITERAL;
      const lines = scalar.source ? splitLines(scalar.source) : [];
      let chompStart = lines.length;
      for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === "" || content === "\r")
          chompStart = i;
        else
          break;
      }
      if (chompStart === 0) {
        const value2 = header.chomp === "+" && lines.length > 0 ? "\n".repeat(Math.max(1, lines.length - 1)) : "";
        let end2 = start + header.length;
        if (scalar.source)
          end2 += scalar.source.length;
        return { value: value2, type, comment: header.comment, range: [start, end2, end2] };
      }
      let trimIndent = scalar.indent + header.indent;
      let offset = scalar.offset + header.length;
      let contentStart = 0;
      for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === "" || content === "\r") {
          if (header.indent === 0 && indent.length > trimIndent)
            trimIndent = indent.length;
        } else {
          if (indent.length < trimIndent) {
            const message = "Block scalars with more-indented leading empty lines must use an explicit indentation indicator";
            onError(offset + indent.length, "MISSING_CHAR", message);
          }
          if (header.indent === 0)
            trimIndent = indent.length;
          contentStart = i;
          if (trimIndent === 0 && !ctx.atRoot) {
            const message = "Block scalar values in collections must be indented";
            onError(offset, "BAD_INDENT", message);
          }
          break;
        }
        offset += indent.length + content.length + 1;
      }
      for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
          chompStart = i + 1;
      }
      let value = "";
      let sep2 = "";
      let prevMoreIndented = false;
      for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + "\n";
      for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === "\r";
        if (crlf)
          content = content.slice(0, -1);
        if (content && indent.length < trimIndent) {
          const src = header.indent ? "explicit indentation indicator" : "first line";
          const message = `Block scalar lines must not be less indented than their ${src}`;
          onError(offset - content.length - (crlf ? 2 : 1), "BAD_INDENT", message);
          indent = "";
        }
        if (type === Scalar2.Scalar.BLOCK_LITERAL) {
          value += sep2 + indent.slice(trimIndent) + content;
          sep2 = "\n";
        } else if (indent.length > trimIndent || content[0] === "	") {
          if (sep2 === " ")
            sep2 = "\n";
          else if (!prevMoreIndented && sep2 === "\n")
            sep2 = "\n\n";
          value += sep2 + indent.slice(trimIndent) + content;
          sep2 = "\n";
          prevMoreIndented = true;
        } else if (content === "") {
          if (sep2 === "\n")
            value += "\n";
          else
            sep2 = "\n";
        } else {
          value += sep2 + content;
          sep2 = " ";
          prevMoreIndented = false;
        }
      }
      switch (header.chomp) {
        case "-":
          break;
        case "+":
          for (let i = chompStart; i < lines.length; ++i)
            value += "\n" + lines[i][0].slice(trimIndent);
          if (value[value.length - 1] !== "\n")
            value += "\n";
          break;
        default:
          value += "\n";
      }
      const end = start + header.length + scalar.source.length;
      return { value, type, comment: header.comment, range: [start, end, end] };
    }
    function parseBlockScalarHeader({ offset, props }, strict, onError) {
      if (props[0].type !== "block-scalar-header") {
        onError(props[0], "IMPOSSIBLE", "Block scalar header not found");
        return null;
      }
      const { source } = props[0];
      const mode = source[0];
      let indent = 0;
      let chomp = "";
      let error2 = -1;
      for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === "-" || ch === "+"))
          chomp = ch;
        else {
          const n = Number(ch);
          if (!indent && n)
            indent = n;
          else if (error2 === -1)
            error2 = offset + i;
        }
      }
      if (error2 !== -1)
        onError(error2, "UNEXPECTED_TOKEN", `Block scalar header includes extra characters: ${source}`);
      let hasSpace = false;
      let comment = "";
      let length = source.length;
      for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
          case "space":
            hasSpace = true;
          // fallthrough
          case "newline":
            length += token.source.length;
            break;
          case "comment":
            if (strict && !hasSpace) {
              const message = "Comments must be separated from other tokens by white space characters";
              onError(token, "MISSING_CHAR", message);
            }
            length += token.source.length;
            comment = token.source.substring(1);
            break;
          case "error":
            onError(token, "UNEXPECTED_TOKEN", token.message);
            length += token.source.length;
            break;
          /* istanbul ignore next should not happen */
          default: {
            const message = `Unexpected token in block scalar header: ${token.type}`;
            onError(token, "UNEXPECTED_TOKEN", message);
            const ts = token.source;
            if (ts && typeof ts === "string")
              length += ts.length;
          }
        }
      }
      return { mode, indent, chomp, comment, length };
    }
    function splitLines(source) {
      const split = source.split(/\n( *)/);
      const first = split[0];
      const m = first.match(/^( *)/);
      const line0 = m?.[1] ? [m[1], first.slice(m[1].length)] : ["", first];
      const lines = [line0];
      for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
      return lines;
    }
    exports.resolveBlockScalar = resolveBlockScalar;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-scalar.js
var require_resolve_flow_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-scalar.js"(exports) {
    "use strict";
    var Scalar2 = require_Scalar();
    var resolveEnd = require_resolve_end();
    function resolveFlowScalar(scalar, strict, onError) {
      const { offset, type, source, end } = scalar;
      let _type;
      let value;
      const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
      switch (type) {
        case "scalar":
          _type = Scalar2.Scalar.PLAIN;
          value = plainValue(source, _onError);
          break;
        case "single-quoted-scalar":
          _type = Scalar2.Scalar.QUOTE_SINGLE;
          value = singleQuotedValue(source, _onError);
          break;
        case "double-quoted-scalar":
          _type = Scalar2.Scalar.QUOTE_DOUBLE;
          value = doubleQuotedValue(source, _onError);
          break;
        /* istanbul ignore next should not happen */
        default:
          onError(scalar, "UNEXPECTED_TOKEN", `Expected a flow scalar value, but found: ${type}`);
          return {
            value: "",
            type: null,
            comment: "",
            range: [offset, offset + source.length, offset + source.length]
          };
      }
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
      return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
      };
    }
    function plainValue(source, onError) {
      let badChar = "";
      switch (source[0]) {
        /* istanbul ignore next should not happen */
        case "	":
          badChar = "a tab character";
          break;
        case ",":
          badChar = "flow indicator character ,";
          break;
        case "%":
          badChar = "directive indicator character %";
          break;
        case "|":
        case ">": {
          badChar = `block scalar indicator ${source[0]}`;
          break;
        }
        case "@":
        case "`": {
          badChar = `reserved character ${source[0]}`;
          break;
        }
      }
      if (badChar)
        onError(0, "BAD_SCALAR_START", `Plain value cannot start with ${badChar}`);
      return unfoldLines(source);
    }
    function singleQuotedValue(source, onError) {
      if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, "MISSING_CHAR", "Missing closing 'quote");
      return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
    }
    function unfoldLines(source) {
      const line = /(.*?)\r?\n/sy;
      let match = line.exec(source);
      if (!match)
        return source;
      let trimEnd, trimBoth;
      try {
        trimEnd = new RegExp("(?<![ 	])[ 	]+$");
        trimBoth = new RegExp("^[ 	]+|(?<![ 	])[ 	]+$", "g");
      } catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
      }
      let res = match[1].replace(trimEnd, "");
      let sep2 = " ";
      let pos = line.lastIndex;
      while (match = line.exec(source)) {
        const lm = match[1].replace(trimBoth, "");
        if (lm === "") {
          if (sep2 === "\n")
            res += sep2;
          else
            sep2 = "\n";
        } else {
          res += sep2 + lm;
          sep2 = " ";
        }
        pos = line.lastIndex;
      }
      const last = /[ \t]*(.*)/sy;
      last.lastIndex = pos;
      match = last.exec(source);
      return res + sep2 + (match?.[1] ?? "");
    }
    function doubleQuotedValue(source, onError) {
      let res = "";
      for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === "\r" && source[i + 1] === "\n")
          continue;
        if (ch === "\n") {
          const { fold, offset } = foldNewline(source, i);
          res += fold;
          i = offset;
        } else if (ch === "\\") {
          let next = source[++i];
          const cc = escapeCodes[next];
          if (cc)
            res += cc;
          else if (next === "\n") {
            next = source[i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "\r" && source[i + 1] === "\n") {
            next = source[++i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "x" || next === "u" || next === "U") {
            const length = next === "x" ? 2 : next === "u" ? 4 : 8;
            res += parseCharCode(source, i + 1, length, onError);
            i += length;
          } else {
            const raw = source.substr(i - 1, 2);
            onError(i - 1, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
            res += raw;
          }
        } else if (ch === " " || ch === "	") {
          const wsStart = i;
          let next = source[i + 1];
          while (next === " " || next === "	")
            next = source[++i + 1];
          if (next !== "\n" && !(next === "\r" && source[i + 2] === "\n"))
            res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        } else {
          res += ch;
        }
      }
      if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, "MISSING_CHAR", 'Missing closing "quote');
      return res;
    }
    function foldNewline(source, offset) {
      let fold = "";
      let ch = source[offset + 1];
      while (ch === " " || ch === "	" || ch === "\n" || ch === "\r") {
        if (ch === "\r" && source[offset + 2] !== "\n")
          break;
        if (ch === "\n")
          fold += "\n";
        offset += 1;
        ch = source[offset + 1];
      }
      if (!fold)
        fold = " ";
      return { fold, offset };
    }
    var escapeCodes = {
      "0": "\0",
      // null character
      a: "\x07",
      // bell character
      b: "\b",
      // backspace
      e: "\x1B",
      // escape character
      f: "\f",
      // form feed
      n: "\n",
      // line feed
      r: "\r",
      // carriage return
      t: "	",
      // horizontal tab
      v: "\v",
      // vertical tab
      N: "\x85",
      // Unicode next line
      _: "\xA0",
      // Unicode non-breaking space
      L: "\u2028",
      // Unicode line separator
      P: "\u2029",
      // Unicode paragraph separator
      " ": " ",
      '"': '"',
      "/": "/",
      "\\": "\\",
      "	": "	"
    };
    function parseCharCode(source, offset, length, onError) {
      const cc = source.substr(offset, length);
      const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
      const code = ok ? parseInt(cc, 16) : NaN;
      try {
        return String.fromCodePoint(code);
      } catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
        return raw;
      }
    }
    exports.resolveFlowScalar = resolveFlowScalar;
  }
});

// node_modules/yaml/dist/compose/compose-scalar.js
var require_compose_scalar = __commonJS({
  "node_modules/yaml/dist/compose/compose-scalar.js"(exports) {
    "use strict";
    var identity = require_identity();
    var Scalar2 = require_Scalar();
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    function composeScalar(ctx, token, tagToken, onError) {
      const { value, type, comment, range } = token.type === "block-scalar" ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError) : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
      const tagName = tagToken ? ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg)) : null;
      let tag;
      if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
      } else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
      else if (token.type === "scalar")
        tag = findScalarTagByTest(ctx, value, token, onError);
      else
        tag = ctx.schema[identity.SCALAR];
      let scalar;
      try {
        const res = tag.resolve(value, (msg) => onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar2.Scalar(res);
      } catch (error2) {
        const msg = error2 instanceof Error ? error2.message : String(error2);
        onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg);
        scalar = new Scalar2.Scalar(value);
      }
      scalar.range = range;
      scalar.source = value;
      if (type)
        scalar.type = type;
      if (tagName)
        scalar.tag = tagName;
      if (tag.format)
        scalar.format = tag.format;
      if (comment)
        scalar.comment = comment;
      return scalar;
    }
    function findScalarTagByName(schema2, value, tagName, tagToken, onError) {
      if (tagName === "!")
        return schema2[identity.SCALAR];
      const matchWithTest = [];
      for (const tag of schema2.tags) {
        if (!tag.collection && tag.tag === tagName) {
          if (tag.default && tag.test)
            matchWithTest.push(tag);
          else
            return tag;
        }
      }
      for (const tag of matchWithTest)
        if (tag.test?.test(value))
          return tag;
      const kt = schema2.knownTags[tagName];
      if (kt && !kt.collection) {
        schema2.tags.push(Object.assign({}, kt, { default: false, test: void 0 }));
        return kt;
      }
      onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, tagName !== "tag:yaml.org,2002:str");
      return schema2[identity.SCALAR];
    }
    function findScalarTagByTest({ atKey, directives, schema: schema2 }, value, token, onError) {
      const tag = schema2.tags.find((tag2) => (tag2.default === true || atKey && tag2.default === "key") && tag2.test?.test(value)) || schema2[identity.SCALAR];
      if (schema2.compat) {
        const compat = schema2.compat.find((tag2) => tag2.default && tag2.test?.test(value)) ?? schema2[identity.SCALAR];
        if (tag.tag !== compat.tag) {
          const ts = directives.tagString(tag.tag);
          const cs = directives.tagString(compat.tag);
          const msg = `Value may be parsed as either ${ts} or ${cs}`;
          onError(token, "TAG_RESOLVE_FAILED", msg, true);
        }
      }
      return tag;
    }
    exports.composeScalar = composeScalar;
  }
});

// node_modules/yaml/dist/compose/util-empty-scalar-position.js
var require_util_empty_scalar_position = __commonJS({
  "node_modules/yaml/dist/compose/util-empty-scalar-position.js"(exports) {
    "use strict";
    function emptyScalarPosition(offset, before, pos) {
      if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
          let st = before[i];
          switch (st.type) {
            case "space":
            case "comment":
            case "newline":
              offset -= st.source.length;
              continue;
          }
          st = before[++i];
          while (st?.type === "space") {
            offset += st.source.length;
            st = before[++i];
          }
          break;
        }
      }
      return offset;
    }
    exports.emptyScalarPosition = emptyScalarPosition;
  }
});

// node_modules/yaml/dist/compose/compose-node.js
var require_compose_node = __commonJS({
  "node_modules/yaml/dist/compose/compose-node.js"(exports) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var composeCollection = require_compose_collection();
    var composeScalar = require_compose_scalar();
    var resolveEnd = require_resolve_end();
    var utilEmptyScalarPosition = require_util_empty_scalar_position();
    var CN = { composeNode, composeEmptyNode };
    function composeNode(ctx, token, props, onError) {
      const atKey = ctx.atKey;
      const { spaceBefore, comment, anchor, tag } = props;
      let node;
      let isSrcToken = true;
      switch (token.type) {
        case "alias":
          node = composeAlias(ctx, token, onError);
          if (anchor || tag)
            onError(token, "ALIAS_PROPS", "An alias node must not specify any properties");
          break;
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "block-scalar":
          node = composeScalar.composeScalar(ctx, token, tag, onError);
          if (anchor)
            node.anchor = anchor.source.substring(1);
          break;
        case "block-map":
        case "block-seq":
        case "flow-collection":
          try {
            node = composeCollection.composeCollection(CN, ctx, token, props, onError);
            if (anchor)
              node.anchor = anchor.source.substring(1);
          } catch (error2) {
            const message = error2 instanceof Error ? error2.message : String(error2);
            onError(token, "RESOURCE_EXHAUSTION", message);
          }
          break;
        default: {
          const message = token.type === "error" ? token.message : `Unsupported token (type: ${token.type})`;
          onError(token, "UNEXPECTED_TOKEN", message);
          isSrcToken = false;
        }
      }
      node ?? (node = composeEmptyNode(ctx, token.offset, void 0, null, props, onError));
      if (anchor && node.anchor === "")
        onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      if (atKey && ctx.options.stringKeys && (!identity.isScalar(node) || typeof node.value !== "string" || node.tag && node.tag !== "tag:yaml.org,2002:str")) {
        const msg = "With stringKeys, all keys must be strings";
        onError(tag ?? token, "NON_STRING_KEY", msg);
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        if (token.type === "scalar" && token.source === "")
          node.comment = comment;
        else
          node.commentBefore = comment;
      }
      if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
      return node;
    }
    function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
      const token = {
        type: "scalar",
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ""
      };
      const node = composeScalar.composeScalar(ctx, token, tag, onError);
      if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === "")
          onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        node.comment = comment;
        node.range[2] = end;
      }
      return node;
    }
    function composeAlias({ options }, { offset, source, end }, onError) {
      const alias = new Alias.Alias(source.substring(1));
      if (alias.source === "")
        onError(offset, "BAD_ALIAS", "Alias cannot be an empty string");
      if (alias.source.endsWith(":"))
        onError(offset + source.length - 1, "BAD_ALIAS", "Alias ending in : is ambiguous", true);
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
      alias.range = [offset, valueEnd, re.offset];
      if (re.comment)
        alias.comment = re.comment;
      return alias;
    }
    exports.composeEmptyNode = composeEmptyNode;
    exports.composeNode = composeNode;
  }
});

// node_modules/yaml/dist/compose/compose-doc.js
var require_compose_doc = __commonJS({
  "node_modules/yaml/dist/compose/compose-doc.js"(exports) {
    "use strict";
    var Document2 = require_Document();
    var composeNode = require_compose_node();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    function composeDoc(options, directives, { offset, start, value, end }, onError) {
      const opts = Object.assign({ _directives: directives }, options);
      const doc = new Document2.Document(void 0, opts);
      const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
      };
      const props = resolveProps.resolveProps(start, {
        indicator: "doc-start",
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
      });
      if (props.found) {
        doc.directives.docStart = true;
        if (value && (value.type === "block-map" || value.type === "block-seq") && !props.hasNewline)
          onError(props.end, "MISSING_CHAR", "Block collection cannot start on same line with directives-end marker");
      }
      doc.contents = value ? composeNode.composeNode(ctx, value, props, onError) : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
      const contentEnd = doc.contents.range[2];
      const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
      if (re.comment)
        doc.comment = re.comment;
      doc.range = [offset, contentEnd, re.offset];
      return doc;
    }
    exports.composeDoc = composeDoc;
  }
});

// node_modules/yaml/dist/compose/composer.js
var require_composer = __commonJS({
  "node_modules/yaml/dist/compose/composer.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var directives = require_directives();
    var Document2 = require_Document();
    var errors = require_errors();
    var identity = require_identity();
    var composeDoc = require_compose_doc();
    var resolveEnd = require_resolve_end();
    function getErrorPos(src) {
      if (typeof src === "number")
        return [src, src + 1];
      if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
      const { offset, source } = src;
      return [offset, offset + (typeof source === "string" ? source.length : 1)];
    }
    function parsePrelude(prelude) {
      let comment = "";
      let atComment = false;
      let afterEmptyLine = false;
      for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
          case "#":
            comment += (comment === "" ? "" : afterEmptyLine ? "\n\n" : "\n") + (source.substring(1) || " ");
            atComment = true;
            afterEmptyLine = false;
            break;
          case "%":
            if (prelude[i + 1]?.[0] !== "#")
              i += 1;
            atComment = false;
            break;
          default:
            if (!atComment)
              afterEmptyLine = true;
            atComment = false;
        }
      }
      return { comment, afterEmptyLine };
    }
    var Composer = class {
      constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning) => {
          const pos = getErrorPos(source);
          if (warning)
            this.warnings.push(new errors.YAMLWarning(pos, code, message));
          else
            this.errors.push(new errors.YAMLParseError(pos, code, message));
        };
        this.directives = new directives.Directives({ version: options.version || "1.2" });
        this.options = options;
      }
      decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        if (comment) {
          const dc = doc.contents;
          if (afterDoc) {
            doc.comment = doc.comment ? `${doc.comment}
${comment}` : comment;
          } else if (afterEmptyLine || doc.directives.docStart || !dc) {
            doc.commentBefore = comment;
          } else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
            let it = dc.items[0];
            if (identity.isPair(it))
              it = it.key;
            const cb = it.commentBefore;
            it.commentBefore = cb ? `${comment}
${cb}` : comment;
          } else {
            const cb = dc.commentBefore;
            dc.commentBefore = cb ? `${comment}
${cb}` : comment;
          }
        }
        if (afterDoc) {
          for (let i = 0; i < this.errors.length; ++i)
            doc.errors.push(this.errors[i]);
          for (let i = 0; i < this.warnings.length; ++i)
            doc.warnings.push(this.warnings[i]);
        } else {
          doc.errors = this.errors;
          doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
      }
      /**
       * Current stream status information.
       *
       * Mostly useful at the end of input for an empty stream.
       */
      streamInfo() {
        return {
          comment: parsePrelude(this.prelude).comment,
          directives: this.directives,
          errors: this.errors,
          warnings: this.warnings
        };
      }
      /**
       * Compose tokens into documents.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
          yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
      }
      /** Advance the composer by one CST token. */
      *next(token) {
        if (node_process.env.LOG_STREAM)
          console.dir(token, { depth: null });
        switch (token.type) {
          case "directive":
            this.directives.add(token.source, (offset, message, warning) => {
              const pos = getErrorPos(token);
              pos[0] += offset;
              this.onError(pos, "BAD_DIRECTIVE", message, warning);
            });
            this.prelude.push(token.source);
            this.atDirectives = true;
            break;
          case "document": {
            const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
            if (this.atDirectives && !doc.directives.docStart)
              this.onError(token, "MISSING_CHAR", "Missing directives-end/doc-start indicator line");
            this.decorate(doc, false);
            if (this.doc)
              yield this.doc;
            this.doc = doc;
            this.atDirectives = false;
            break;
          }
          case "byte-order-mark":
          case "space":
            break;
          case "comment":
          case "newline":
            this.prelude.push(token.source);
            break;
          case "error": {
            const msg = token.source ? `${token.message}: ${JSON.stringify(token.source)}` : token.message;
            const error2 = new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg);
            if (this.atDirectives || !this.doc)
              this.errors.push(error2);
            else
              this.doc.errors.push(error2);
            break;
          }
          case "doc-end": {
            if (!this.doc) {
              const msg = "Unexpected doc-end without preceding document";
              this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg));
              break;
            }
            this.doc.directives.docEnd = true;
            const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
            this.decorate(this.doc, true);
            if (end.comment) {
              const dc = this.doc.comment;
              this.doc.comment = dc ? `${dc}
${end.comment}` : end.comment;
            }
            this.doc.range[2] = end.offset;
            break;
          }
          default:
            this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", `Unsupported token ${token.type}`));
        }
      }
      /**
       * Call at end of input to yield any remaining document.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
          this.decorate(this.doc, true);
          yield this.doc;
          this.doc = null;
        } else if (forceDoc) {
          const opts = Object.assign({ _directives: this.directives }, this.options);
          const doc = new Document2.Document(void 0, opts);
          if (this.atDirectives)
            this.onError(endOffset, "MISSING_CHAR", "Missing directives-end indicator line");
          doc.range = [0, endOffset, endOffset];
          this.decorate(doc, false);
          yield doc;
        }
      }
    };
    exports.Composer = Composer;
  }
});

// node_modules/yaml/dist/parse/cst-scalar.js
var require_cst_scalar = __commonJS({
  "node_modules/yaml/dist/parse/cst-scalar.js"(exports) {
    "use strict";
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    var errors = require_errors();
    var stringifyString = require_stringifyString();
    function resolveAsScalar(token, strict = true, onError) {
      if (token) {
        const _onError = (pos, code, message) => {
          const offset = typeof pos === "number" ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
          if (onError)
            onError(offset, code, message);
          else
            throw new errors.YAMLParseError([offset, offset + 1], code, message);
        };
        switch (token.type) {
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
          case "block-scalar":
            return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
      }
      return null;
    }
    function createScalarToken(value, context) {
      const { implicitKey = false, indent, inFlow = false, offset = -1, type = "PLAIN" } = context;
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      const end = context.end ?? [
        { type: "newline", offset: -1, indent, source: "\n" }
      ];
      switch (source[0]) {
        case "|":
        case ">": {
          const he = source.indexOf("\n");
          const head = source.substring(0, he);
          const body = source.substring(he + 1) + "\n";
          const props = [
            { type: "block-scalar-header", offset, indent, source: head }
          ];
          if (!addEndtoBlockProps(props, end))
            props.push({ type: "newline", offset: -1, indent, source: "\n" });
          return { type: "block-scalar", offset, indent, props, source: body };
        }
        case '"':
          return { type: "double-quoted-scalar", offset, indent, source, end };
        case "'":
          return { type: "single-quoted-scalar", offset, indent, source, end };
        default:
          return { type: "scalar", offset, indent, source, end };
      }
    }
    function setScalarValue(token, value, context = {}) {
      let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
      let indent = "indent" in token ? token.indent : null;
      if (afterKey && typeof indent === "number")
        indent += 2;
      if (!type)
        switch (token.type) {
          case "single-quoted-scalar":
            type = "QUOTE_SINGLE";
            break;
          case "double-quoted-scalar":
            type = "QUOTE_DOUBLE";
            break;
          case "block-scalar": {
            const header = token.props[0];
            if (header.type !== "block-scalar-header")
              throw new Error("Invalid block scalar header");
            type = header.source[0] === ">" ? "BLOCK_FOLDED" : "BLOCK_LITERAL";
            break;
          }
          default:
            type = "PLAIN";
        }
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      switch (source[0]) {
        case "|":
        case ">":
          setBlockScalarValue(token, source);
          break;
        case '"':
          setFlowScalarValue(token, source, "double-quoted-scalar");
          break;
        case "'":
          setFlowScalarValue(token, source, "single-quoted-scalar");
          break;
        default:
          setFlowScalarValue(token, source, "scalar");
      }
    }
    function setBlockScalarValue(token, source) {
      const he = source.indexOf("\n");
      const head = source.substring(0, he);
      const body = source.substring(he + 1) + "\n";
      if (token.type === "block-scalar") {
        const header = token.props[0];
        if (header.type !== "block-scalar-header")
          throw new Error("Invalid block scalar header");
        header.source = head;
        token.source = body;
      } else {
        const { offset } = token;
        const indent = "indent" in token ? token.indent : -1;
        const props = [
          { type: "block-scalar-header", offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, "end" in token ? token.end : void 0))
          props.push({ type: "newline", offset: -1, indent, source: "\n" });
        for (const key of Object.keys(token))
          if (key !== "type" && key !== "offset")
            delete token[key];
        Object.assign(token, { type: "block-scalar", indent, props, source: body });
      }
    }
    function addEndtoBlockProps(props, end) {
      if (end)
        for (const st of end)
          switch (st.type) {
            case "space":
            case "comment":
              props.push(st);
              break;
            case "newline":
              props.push(st);
              return true;
          }
      return false;
    }
    function setFlowScalarValue(token, source, type) {
      switch (token.type) {
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          token.type = type;
          token.source = source;
          break;
        case "block-scalar": {
          const end = token.props.slice(1);
          let oa = source.length;
          if (token.props[0].type === "block-scalar-header")
            oa -= token.props[0].source.length;
          for (const tok of end)
            tok.offset += oa;
          delete token.props;
          Object.assign(token, { type, source, end });
          break;
        }
        case "block-map":
        case "block-seq": {
          const offset = token.offset + source.length;
          const nl = { type: "newline", offset, indent: token.indent, source: "\n" };
          delete token.items;
          Object.assign(token, { type, source, end: [nl] });
          break;
        }
        default: {
          const indent = "indent" in token ? token.indent : -1;
          const end = "end" in token && Array.isArray(token.end) ? token.end.filter((st) => st.type === "space" || st.type === "comment" || st.type === "newline") : [];
          for (const key of Object.keys(token))
            if (key !== "type" && key !== "offset")
              delete token[key];
          Object.assign(token, { type, indent, source, end });
        }
      }
    }
    exports.createScalarToken = createScalarToken;
    exports.resolveAsScalar = resolveAsScalar;
    exports.setScalarValue = setScalarValue;
  }
});

// node_modules/yaml/dist/parse/cst-stringify.js
var require_cst_stringify = __commonJS({
  "node_modules/yaml/dist/parse/cst-stringify.js"(exports) {
    "use strict";
    var stringify3 = (cst) => "type" in cst ? stringifyToken(cst) : stringifyItem(cst);
    function stringifyToken(token) {
      switch (token.type) {
        case "block-scalar": {
          let res = "";
          for (const tok of token.props)
            res += stringifyToken(tok);
          return res + token.source;
        }
        case "block-map":
        case "block-seq": {
          let res = "";
          for (const item of token.items)
            res += stringifyItem(item);
          return res;
        }
        case "flow-collection": {
          let res = token.start.source;
          for (const item of token.items)
            res += stringifyItem(item);
          for (const st of token.end)
            res += st.source;
          return res;
        }
        case "document": {
          let res = stringifyItem(token);
          if (token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
        default: {
          let res = token.source;
          if ("end" in token && token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
      }
    }
    function stringifyItem({ start, key, sep: sep2, value }) {
      let res = "";
      for (const st of start)
        res += st.source;
      if (key)
        res += stringifyToken(key);
      if (sep2)
        for (const st of sep2)
          res += st.source;
      if (value)
        res += stringifyToken(value);
      return res;
    }
    exports.stringify = stringify3;
  }
});

// node_modules/yaml/dist/parse/cst-visit.js
var require_cst_visit = __commonJS({
  "node_modules/yaml/dist/parse/cst-visit.js"(exports) {
    "use strict";
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove item");
    function visit(cst, visitor) {
      if ("type" in cst && cst.type === "document")
        cst = { start: cst.start, value: cst.value };
      _visit(Object.freeze([]), cst, visitor);
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    visit.itemAtPath = (cst, path2) => {
      let item = cst;
      for (const [field, index] of path2) {
        const tok = item?.[field];
        if (tok && "items" in tok) {
          item = tok.items[index];
        } else
          return void 0;
      }
      return item;
    };
    visit.parentCollection = (cst, path2) => {
      const parent = visit.itemAtPath(cst, path2.slice(0, -1));
      const field = path2[path2.length - 1][0];
      const coll = parent?.[field];
      if (coll && "items" in coll)
        return coll;
      throw new Error("Parent collection not found");
    };
    function _visit(path2, item, visitor) {
      let ctrl = visitor(item, path2);
      if (typeof ctrl === "symbol")
        return ctrl;
      for (const field of ["key", "value"]) {
        const token = item[field];
        if (token && "items" in token) {
          for (let i = 0; i < token.items.length; ++i) {
            const ci = _visit(Object.freeze(path2.concat([[field, i]])), token.items[i], visitor);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              token.items.splice(i, 1);
              i -= 1;
            }
          }
          if (typeof ctrl === "function" && field === "key")
            ctrl = ctrl(item, path2);
        }
      }
      return typeof ctrl === "function" ? ctrl(item, path2) : ctrl;
    }
    exports.visit = visit;
  }
});

// node_modules/yaml/dist/parse/cst.js
var require_cst = __commonJS({
  "node_modules/yaml/dist/parse/cst.js"(exports) {
    "use strict";
    var cstScalar = require_cst_scalar();
    var cstStringify = require_cst_stringify();
    var cstVisit = require_cst_visit();
    var BOM = "\uFEFF";
    var DOCUMENT = "";
    var FLOW_END = "";
    var SCALAR = "";
    var isCollection = (token) => !!token && "items" in token;
    var isScalar = (token) => !!token && (token.type === "scalar" || token.type === "single-quoted-scalar" || token.type === "double-quoted-scalar" || token.type === "block-scalar");
    function prettyToken(token) {
      switch (token) {
        case BOM:
          return "<BOM>";
        case DOCUMENT:
          return "<DOC>";
        case FLOW_END:
          return "<FLOW_END>";
        case SCALAR:
          return "<SCALAR>";
        default:
          return JSON.stringify(token);
      }
    }
    function tokenType(source) {
      switch (source) {
        case BOM:
          return "byte-order-mark";
        case DOCUMENT:
          return "doc-mode";
        case FLOW_END:
          return "flow-error-end";
        case SCALAR:
          return "scalar";
        case "---":
          return "doc-start";
        case "...":
          return "doc-end";
        case "":
        case "\n":
        case "\r\n":
          return "newline";
        case "-":
          return "seq-item-ind";
        case "?":
          return "explicit-key-ind";
        case ":":
          return "map-value-ind";
        case "{":
          return "flow-map-start";
        case "}":
          return "flow-map-end";
        case "[":
          return "flow-seq-start";
        case "]":
          return "flow-seq-end";
        case ",":
          return "comma";
      }
      switch (source[0]) {
        case " ":
        case "	":
          return "space";
        case "#":
          return "comment";
        case "%":
          return "directive-line";
        case "*":
          return "alias";
        case "&":
          return "anchor";
        case "!":
          return "tag";
        case "'":
          return "single-quoted-scalar";
        case '"':
          return "double-quoted-scalar";
        case "|":
        case ">":
          return "block-scalar-header";
      }
      return null;
    }
    exports.createScalarToken = cstScalar.createScalarToken;
    exports.resolveAsScalar = cstScalar.resolveAsScalar;
    exports.setScalarValue = cstScalar.setScalarValue;
    exports.stringify = cstStringify.stringify;
    exports.visit = cstVisit.visit;
    exports.BOM = BOM;
    exports.DOCUMENT = DOCUMENT;
    exports.FLOW_END = FLOW_END;
    exports.SCALAR = SCALAR;
    exports.isCollection = isCollection;
    exports.isScalar = isScalar;
    exports.prettyToken = prettyToken;
    exports.tokenType = tokenType;
  }
});

// node_modules/yaml/dist/parse/lexer.js
var require_lexer = __commonJS({
  "node_modules/yaml/dist/parse/lexer.js"(exports) {
    "use strict";
    var cst = require_cst();
    function isEmpty(ch) {
      switch (ch) {
        case void 0:
        case " ":
        case "\n":
        case "\r":
        case "	":
          return true;
        default:
          return false;
      }
    }
    var hexDigits = new Set("0123456789ABCDEFabcdef");
    var tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
    var flowIndicatorChars = new Set(",[]{}");
    var invalidAnchorChars = new Set(" ,[]{}\n\r	");
    var isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
    var Lexer2 = class {
      constructor() {
        this.atEnd = false;
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        this.buffer = "";
        this.flowKey = false;
        this.flowLevel = 0;
        this.indentNext = 0;
        this.indentValue = 0;
        this.lineEndPos = null;
        this.next = null;
        this.pos = 0;
      }
      /**
       * Generate YAML tokens from the `source` string. If `incomplete`,
       * a part of the last line may be left as a buffer for the next call.
       *
       * @returns A generator of lexical tokens
       */
      *lex(source, incomplete = false) {
        if (source) {
          if (typeof source !== "string")
            throw TypeError("source is not a string");
          this.buffer = this.buffer ? this.buffer + source : source;
          this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? "stream";
        while (next && (incomplete || this.hasChars(1)))
          next = yield* this.parseNext(next);
      }
      atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === " " || ch === "	")
          ch = this.buffer[++i];
        if (!ch || ch === "#" || ch === "\n")
          return true;
        if (ch === "\r")
          return this.buffer[i + 1] === "\n";
        return false;
      }
      charAt(n) {
        return this.buffer[this.pos + n];
      }
      continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
          let indent = 0;
          while (ch === " ")
            ch = this.buffer[++indent + offset];
          if (ch === "\r") {
            const next = this.buffer[indent + offset + 1];
            if (next === "\n" || !next && !this.atEnd)
              return offset + indent + 1;
          }
          return ch === "\n" || indent >= this.indentNext || !ch && !this.atEnd ? offset + indent : -1;
        }
        if (ch === "-" || ch === ".") {
          const dt = this.buffer.substr(offset, 3);
          if ((dt === "---" || dt === "...") && isEmpty(this.buffer[offset + 3]))
            return -1;
        }
        return offset;
      }
      getLine() {
        let end = this.lineEndPos;
        if (typeof end !== "number" || end !== -1 && end < this.pos) {
          end = this.buffer.indexOf("\n", this.pos);
          this.lineEndPos = end;
        }
        if (end === -1)
          return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === "\r")
          end -= 1;
        return this.buffer.substring(this.pos, end);
      }
      hasChars(n) {
        return this.pos + n <= this.buffer.length;
      }
      setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
      }
      peek(n) {
        return this.buffer.substr(this.pos, n);
      }
      *parseNext(next) {
        switch (next) {
          case "stream":
            return yield* this.parseStream();
          case "line-start":
            return yield* this.parseLineStart();
          case "block-start":
            return yield* this.parseBlockStart();
          case "doc":
            return yield* this.parseDocument();
          case "flow":
            return yield* this.parseFlowCollection();
          case "quoted-scalar":
            return yield* this.parseQuotedScalar();
          case "block-scalar":
            return yield* this.parseBlockScalar();
          case "plain-scalar":
            return yield* this.parsePlainScalar();
        }
      }
      *parseStream() {
        let line = this.getLine();
        if (line === null)
          return this.setNext("stream");
        if (line[0] === cst.BOM) {
          yield* this.pushCount(1);
          line = line.substring(1);
        }
        if (line[0] === "%") {
          let dirEnd = line.length;
          let cs = line.indexOf("#");
          while (cs !== -1) {
            const ch = line[cs - 1];
            if (ch === " " || ch === "	") {
              dirEnd = cs - 1;
              break;
            } else {
              cs = line.indexOf("#", cs + 1);
            }
          }
          while (true) {
            const ch = line[dirEnd - 1];
            if (ch === " " || ch === "	")
              dirEnd -= 1;
            else
              break;
          }
          const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
          yield* this.pushCount(line.length - n);
          this.pushNewline();
          return "stream";
        }
        if (this.atLineEnd()) {
          const sp = yield* this.pushSpaces(true);
          yield* this.pushCount(line.length - sp);
          yield* this.pushNewline();
          return "stream";
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
      }
      *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
          return this.setNext("line-start");
        if (ch === "-" || ch === ".") {
          if (!this.atEnd && !this.hasChars(4))
            return this.setNext("line-start");
          const s = this.peek(3);
          if ((s === "---" || s === "...") && isEmpty(this.charAt(3))) {
            yield* this.pushCount(3);
            this.indentValue = 0;
            this.indentNext = 0;
            return s === "---" ? "doc" : "stream";
          }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
          this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
      }
      *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
          return this.setNext("block-start");
        if ((ch0 === "-" || ch0 === "?" || ch0 === ":") && isEmpty(ch1)) {
          const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
          this.indentNext = this.indentValue + 1;
          this.indentValue += n;
          return "block-start";
        }
        return "doc";
      }
      *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
          return this.setNext("doc");
        let n = yield* this.pushIndicators();
        switch (line[n]) {
          case "#":
            yield* this.pushCount(line.length - n);
          // fallthrough
          case void 0:
            yield* this.pushNewline();
            return yield* this.parseLineStart();
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel = 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            return "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "doc";
          case '"':
          case "'":
            return yield* this.parseQuotedScalar();
          case "|":
          case ">":
            n += yield* this.parseBlockScalarHeader();
            n += yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - n);
            yield* this.pushNewline();
            return yield* this.parseBlockScalar();
          default:
            return yield* this.parsePlainScalar();
        }
      }
      *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
          nl = yield* this.pushNewline();
          if (nl > 0) {
            sp = yield* this.pushSpaces(false);
            this.indentValue = indent = sp;
          } else {
            sp = 0;
          }
          sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
          return this.setNext("flow");
        if (indent !== -1 && indent < this.indentNext && line[0] !== "#" || indent === 0 && (line.startsWith("---") || line.startsWith("...")) && isEmpty(line[3])) {
          const atFlowEndMarker = indent === this.indentNext - 1 && this.flowLevel === 1 && (line[0] === "]" || line[0] === "}");
          if (!atFlowEndMarker) {
            this.flowLevel = 0;
            yield cst.FLOW_END;
            return yield* this.parseLineStart();
          }
        }
        let n = 0;
        while (line[n] === ",") {
          n += yield* this.pushCount(1);
          n += yield* this.pushSpaces(true);
          this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
          case void 0:
            return "flow";
          case "#":
            yield* this.pushCount(line.length - n);
            return "flow";
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel += 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            this.flowKey = true;
            this.flowLevel -= 1;
            return this.flowLevel ? "flow" : "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "flow";
          case '"':
          case "'":
            this.flowKey = true;
            return yield* this.parseQuotedScalar();
          case ":": {
            const next = this.charAt(1);
            if (this.flowKey || isEmpty(next) || next === ",") {
              this.flowKey = false;
              yield* this.pushCount(1);
              yield* this.pushSpaces(true);
              return "flow";
            }
          }
          // fallthrough
          default:
            this.flowKey = false;
            return yield* this.parsePlainScalar();
        }
      }
      *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
          while (end !== -1 && this.buffer[end + 1] === "'")
            end = this.buffer.indexOf("'", end + 2);
        } else {
          while (end !== -1) {
            let n = 0;
            while (this.buffer[end - 1 - n] === "\\")
              n += 1;
            if (n % 2 === 0)
              break;
            end = this.buffer.indexOf('"', end + 1);
          }
        }
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf("\n", this.pos);
        if (nl !== -1) {
          while (nl !== -1) {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = qb.indexOf("\n", cs);
          }
          if (nl !== -1) {
            end = nl - (qb[nl - 1] === "\r" ? 2 : 1);
          }
        }
        if (end === -1) {
          if (!this.atEnd)
            return this.setNext("quoted-scalar");
          end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? "flow" : "doc";
      }
      *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
          const ch = this.buffer[++i];
          if (ch === "+")
            this.blockScalarKeep = true;
          else if (ch > "0" && ch <= "9")
            this.blockScalarIndent = Number(ch) - 1;
          else if (ch !== "-")
            break;
        }
        return yield* this.pushUntil((ch) => isEmpty(ch) || ch === "#");
      }
      *parseBlockScalar() {
        let nl = this.pos - 1;
        let indent = 0;
        let ch;
        loop: for (let i2 = this.pos; ch = this.buffer[i2]; ++i2) {
          switch (ch) {
            case " ":
              indent += 1;
              break;
            case "\n":
              nl = i2;
              indent = 0;
              break;
            case "\r": {
              const next = this.buffer[i2 + 1];
              if (!next && !this.atEnd)
                return this.setNext("block-scalar");
              if (next === "\n")
                break;
            }
            // fallthrough
            default:
              break loop;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("block-scalar");
        if (indent >= this.indentNext) {
          if (this.blockScalarIndent === -1)
            this.indentNext = indent;
          else {
            this.indentNext = this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
          }
          do {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = this.buffer.indexOf("\n", cs);
          } while (nl !== -1);
          if (nl === -1) {
            if (!this.atEnd)
              return this.setNext("block-scalar");
            nl = this.buffer.length;
          }
        }
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === " ")
          ch = this.buffer[++i];
        if (ch === "	") {
          while (ch === "	" || ch === " " || ch === "\r" || ch === "\n")
            ch = this.buffer[++i];
          nl = i - 1;
        } else if (!this.blockScalarKeep) {
          do {
            let i2 = nl - 1;
            let ch2 = this.buffer[i2];
            if (ch2 === "\r")
              ch2 = this.buffer[--i2];
            const lastChar = i2;
            while (ch2 === " ")
              ch2 = this.buffer[--i2];
            if (ch2 === "\n" && i2 >= this.pos && i2 + 1 + indent > lastChar)
              nl = i2;
            else
              break;
          } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
      }
      *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while (ch = this.buffer[++i]) {
          if (ch === ":") {
            const next = this.buffer[i + 1];
            if (isEmpty(next) || inFlow && flowIndicatorChars.has(next))
              break;
            end = i;
          } else if (isEmpty(ch)) {
            let next = this.buffer[i + 1];
            if (ch === "\r") {
              if (next === "\n") {
                i += 1;
                ch = "\n";
                next = this.buffer[i + 1];
              } else
                end = i;
            }
            if (next === "#" || inFlow && flowIndicatorChars.has(next))
              break;
            if (ch === "\n") {
              const cs = this.continueScalar(i + 1);
              if (cs === -1)
                break;
              i = Math.max(i, cs - 2);
            }
          } else {
            if (inFlow && flowIndicatorChars.has(ch))
              break;
            end = i;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("plain-scalar");
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? "flow" : "doc";
      }
      *pushCount(n) {
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos += n;
          return n;
        }
        return 0;
      }
      *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
          yield s;
          this.pos += s.length;
          return s.length;
        } else if (allowEmpty)
          yield "";
        return 0;
      }
      *pushIndicators() {
        let n = 0;
        loop: while (true) {
          switch (this.charAt(0)) {
            case "!":
              n += yield* this.pushTag();
              n += yield* this.pushSpaces(true);
              continue loop;
            case "&":
              n += yield* this.pushUntil(isNotAnchorChar);
              n += yield* this.pushSpaces(true);
              continue loop;
            case "-":
            // this is an error
            case "?":
            // this is an error outside flow collections
            case ":": {
              const inFlow = this.flowLevel > 0;
              const ch1 = this.charAt(1);
              if (isEmpty(ch1) || inFlow && flowIndicatorChars.has(ch1)) {
                if (!inFlow)
                  this.indentNext = this.indentValue + 1;
                else if (this.flowKey)
                  this.flowKey = false;
                n += yield* this.pushCount(1);
                n += yield* this.pushSpaces(true);
                continue loop;
              }
            }
          }
          break loop;
        }
        return n;
      }
      *pushTag() {
        if (this.charAt(1) === "<") {
          let i = this.pos + 2;
          let ch = this.buffer[i];
          while (!isEmpty(ch) && ch !== ">")
            ch = this.buffer[++i];
          return yield* this.pushToIndex(ch === ">" ? i + 1 : i, false);
        } else {
          let i = this.pos + 1;
          let ch = this.buffer[i];
          while (ch) {
            if (tagChars.has(ch))
              ch = this.buffer[++i];
            else if (ch === "%" && hexDigits.has(this.buffer[i + 1]) && hexDigits.has(this.buffer[i + 2])) {
              ch = this.buffer[i += 3];
            } else
              break;
          }
          return yield* this.pushToIndex(i, false);
        }
      }
      *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === "\n")
          return yield* this.pushCount(1);
        else if (ch === "\r" && this.charAt(1) === "\n")
          return yield* this.pushCount(2);
        else
          return 0;
      }
      *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
          ch = this.buffer[++i];
        } while (ch === " " || allowTabs && ch === "	");
        const n = i - this.pos;
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos = i;
        }
        return n;
      }
      *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
          ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
      }
    };
    exports.Lexer = Lexer2;
  }
});

// node_modules/yaml/dist/parse/line-counter.js
var require_line_counter = __commonJS({
  "node_modules/yaml/dist/parse/line-counter.js"(exports) {
    "use strict";
    var LineCounter = class {
      constructor() {
        this.lineStarts = [];
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        this.linePos = (offset) => {
          let low = 0;
          let high = this.lineStarts.length;
          while (low < high) {
            const mid = low + high >> 1;
            if (this.lineStarts[mid] < offset)
              low = mid + 1;
            else
              high = mid;
          }
          if (this.lineStarts[low] === offset)
            return { line: low + 1, col: 1 };
          if (low === 0)
            return { line: 0, col: offset };
          const start = this.lineStarts[low - 1];
          return { line: low, col: offset - start + 1 };
        };
      }
    };
    exports.LineCounter = LineCounter;
  }
});

// node_modules/yaml/dist/parse/parser.js
var require_parser = __commonJS({
  "node_modules/yaml/dist/parse/parser.js"(exports) {
    "use strict";
    var node_process = __require("process");
    var cst = require_cst();
    var lexer = require_lexer();
    function includesToken(list, type) {
      for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
          return true;
      return false;
    }
    function findNonEmptyIndex(list) {
      for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
          case "space":
          case "comment":
          case "newline":
            break;
          default:
            return i;
        }
      }
      return -1;
    }
    function isFlowToken(token) {
      switch (token?.type) {
        case "alias":
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "flow-collection":
          return true;
        default:
          return false;
      }
    }
    function getPrevProps(parent) {
      switch (parent.type) {
        case "document":
          return parent.start;
        case "block-map": {
          const it = parent.items[parent.items.length - 1];
          return it.sep ?? it.start;
        }
        case "block-seq":
          return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
          return [];
      }
    }
    function getFirstKeyStartProps(prev) {
      if (prev.length === 0)
        return [];
      let i = prev.length;
      loop: while (--i >= 0) {
        switch (prev[i].type) {
          case "doc-start":
          case "explicit-key-ind":
          case "map-value-ind":
          case "seq-item-ind":
          case "newline":
            break loop;
        }
      }
      while (prev[++i]?.type === "space") {
      }
      return prev.splice(i, prev.length);
    }
    function arrayPushArray(target, source) {
      if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
      else
        for (let i = 0; i < source.length; ++i)
          target.push(source[i]);
    }
    function fixFlowSeqItems(fc) {
      if (fc.start.type === "flow-seq-start") {
        for (const it of fc.items) {
          if (it.sep && !it.value && !includesToken(it.start, "explicit-key-ind") && !includesToken(it.sep, "map-value-ind")) {
            if (it.key)
              it.value = it.key;
            delete it.key;
            if (isFlowToken(it.value)) {
              if (it.value.end)
                arrayPushArray(it.value.end, it.sep);
              else
                it.value.end = it.sep;
            } else
              arrayPushArray(it.start, it.sep);
            delete it.sep;
          }
        }
      }
    }
    var Parser3 = class {
      /**
       * @param onNewLine - If defined, called separately with the start position of
       *   each new line (in `parse()`, including the start of input).
       */
      constructor(onNewLine) {
        this.atNewLine = true;
        this.atScalar = false;
        this.indent = 0;
        this.offset = 0;
        this.onKeyLine = false;
        this.stack = [];
        this.source = "";
        this.type = "";
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
      }
      /**
       * Parse `source` as a YAML stream.
       * If `incomplete`, a part of the last line may be left as a buffer for the next call.
       *
       * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
       *
       * @returns A generator of tokens representing each directive, document, and other structure.
       */
      *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
          this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
          yield* this.next(lexeme);
        if (!incomplete)
          yield* this.end();
      }
      /**
       * Advance the parser by the `source` of one lexical token.
       */
      *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
          console.log("|", cst.prettyToken(source));
        if (this.atScalar) {
          this.atScalar = false;
          yield* this.step();
          this.offset += source.length;
          return;
        }
        const type = cst.tokenType(source);
        if (!type) {
          const message = `Not a YAML token: ${source}`;
          yield* this.pop({ type: "error", offset: this.offset, message, source });
          this.offset += source.length;
        } else if (type === "scalar") {
          this.atNewLine = false;
          this.atScalar = true;
          this.type = "scalar";
        } else {
          this.type = type;
          yield* this.step();
          switch (type) {
            case "newline":
              this.atNewLine = true;
              this.indent = 0;
              if (this.onNewLine)
                this.onNewLine(this.offset + source.length);
              break;
            case "space":
              if (this.atNewLine && source[0] === " ")
                this.indent += source.length;
              break;
            case "explicit-key-ind":
            case "map-value-ind":
            case "seq-item-ind":
              if (this.atNewLine)
                this.indent += source.length;
              break;
            case "doc-mode":
            case "flow-error-end":
              return;
            default:
              this.atNewLine = false;
          }
          this.offset += source.length;
        }
      }
      /** Call at end of input to push out any remaining constructions */
      *end() {
        while (this.stack.length > 0)
          yield* this.pop();
      }
      get sourceToken() {
        const st = {
          type: this.type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
        return st;
      }
      *step() {
        const top = this.peek(1);
        if (this.type === "doc-end" && top?.type !== "doc-end") {
          while (this.stack.length > 0)
            yield* this.pop();
          this.stack.push({
            type: "doc-end",
            offset: this.offset,
            source: this.source
          });
          return;
        }
        if (!top)
          return yield* this.stream();
        switch (top.type) {
          case "document":
            return yield* this.document(top);
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return yield* this.scalar(top);
          case "block-scalar":
            return yield* this.blockScalar(top);
          case "block-map":
            return yield* this.blockMap(top);
          case "block-seq":
            return yield* this.blockSequence(top);
          case "flow-collection":
            return yield* this.flowCollection(top);
          case "doc-end":
            return yield* this.documentEnd(top);
        }
        yield* this.pop();
      }
      peek(n) {
        return this.stack[this.stack.length - n];
      }
      *pop(error2) {
        const token = error2 ?? this.stack.pop();
        if (!token) {
          const message = "Tried to pop an empty stack";
          yield { type: "error", offset: this.offset, source: "", message };
        } else if (this.stack.length === 0) {
          yield token;
        } else {
          const top = this.peek(1);
          if (token.type === "block-scalar") {
            token.indent = "indent" in top ? top.indent : 0;
          } else if (token.type === "flow-collection" && top.type === "document") {
            token.indent = 0;
          }
          if (token.type === "flow-collection")
            fixFlowSeqItems(token);
          switch (top.type) {
            case "document":
              top.value = token;
              break;
            case "block-scalar":
              top.props.push(token);
              break;
            case "block-map": {
              const it = top.items[top.items.length - 1];
              if (it.value) {
                top.items.push({ start: [], key: token, sep: [] });
                this.onKeyLine = true;
                return;
              } else if (it.sep) {
                it.value = token;
              } else {
                Object.assign(it, { key: token, sep: [] });
                this.onKeyLine = !it.explicitKey;
                return;
              }
              break;
            }
            case "block-seq": {
              const it = top.items[top.items.length - 1];
              if (it.value)
                top.items.push({ start: [], value: token });
              else
                it.value = token;
              break;
            }
            case "flow-collection": {
              const it = top.items[top.items.length - 1];
              if (!it || it.value)
                top.items.push({ start: [], key: token, sep: [] });
              else if (it.sep)
                it.value = token;
              else
                Object.assign(it, { key: token, sep: [] });
              return;
            }
            /* istanbul ignore next should not happen */
            default:
              yield* this.pop();
              yield* this.pop(token);
          }
          if ((top.type === "document" || top.type === "block-map" || top.type === "block-seq") && (token.type === "block-map" || token.type === "block-seq")) {
            const last = token.items[token.items.length - 1];
            if (last && !last.sep && !last.value && last.start.length > 0 && findNonEmptyIndex(last.start) === -1 && (token.indent === 0 || last.start.every((st) => st.type !== "comment" || st.indent < token.indent))) {
              if (top.type === "document")
                top.end = last.start;
              else
                top.items.push({ start: last.start });
              token.items.splice(-1, 1);
            }
          }
        }
      }
      *stream() {
        switch (this.type) {
          case "directive-line":
            yield { type: "directive", offset: this.offset, source: this.source };
            return;
          case "byte-order-mark":
          case "space":
          case "comment":
          case "newline":
            yield this.sourceToken;
            return;
          case "doc-mode":
          case "doc-start": {
            const doc = {
              type: "document",
              offset: this.offset,
              start: []
            };
            if (this.type === "doc-start")
              doc.start.push(this.sourceToken);
            this.stack.push(doc);
            return;
          }
        }
        yield {
          type: "error",
          offset: this.offset,
          message: `Unexpected ${this.type} token in YAML stream`,
          source: this.source
        };
      }
      *document(doc) {
        if (doc.value)
          return yield* this.lineEnd(doc);
        switch (this.type) {
          case "doc-start": {
            if (findNonEmptyIndex(doc.start) !== -1) {
              yield* this.pop();
              yield* this.step();
            } else
              doc.start.push(this.sourceToken);
            return;
          }
          case "anchor":
          case "tag":
          case "space":
          case "comment":
          case "newline":
            doc.start.push(this.sourceToken);
            return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
          this.stack.push(bv);
        else {
          yield {
            type: "error",
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML document`,
            source: this.source
          };
        }
      }
      *scalar(scalar) {
        if (this.type === "map-value-ind") {
          const prev = getPrevProps(this.peek(2));
          const start = getFirstKeyStartProps(prev);
          let sep2;
          if (scalar.end) {
            sep2 = scalar.end;
            sep2.push(this.sourceToken);
            delete scalar.end;
          } else
            sep2 = [this.sourceToken];
          const map = {
            type: "block-map",
            offset: scalar.offset,
            indent: scalar.indent,
            items: [{ start, key: scalar, sep: sep2 }]
          };
          this.onKeyLine = true;
          this.stack[this.stack.length - 1] = map;
        } else
          yield* this.lineEnd(scalar);
      }
      *blockScalar(scalar) {
        switch (this.type) {
          case "space":
          case "comment":
          case "newline":
            scalar.props.push(this.sourceToken);
            return;
          case "scalar":
            scalar.source = this.source;
            this.atNewLine = true;
            this.indent = 0;
            if (this.onNewLine) {
              let nl = this.source.indexOf("\n") + 1;
              while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf("\n", nl) + 1;
              }
            }
            yield* this.pop();
            break;
          /* istanbul ignore next should not happen */
          default:
            yield* this.pop();
            yield* this.step();
        }
      }
      *blockMap(map) {
        const it = map.items[map.items.length - 1];
        switch (this.type) {
          case "newline":
            this.onKeyLine = false;
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              it.start.push(this.sourceToken);
            }
            return;
          case "space":
          case "comment":
            if (it.value) {
              map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              if (this.atIndentedComment(it.start, map.indent)) {
                const prev = map.items[map.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  map.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
        }
        if (this.indent >= map.indent) {
          const atMapIndent = !this.onKeyLine && this.indent === map.indent;
          const atNextItem = atMapIndent && (it.sep || it.explicitKey) && this.type !== "seq-item-ind";
          let start = [];
          if (atNextItem && it.sep && !it.value) {
            const nl = [];
            for (let i = 0; i < it.sep.length; ++i) {
              const st = it.sep[i];
              switch (st.type) {
                case "newline":
                  nl.push(i);
                  break;
                case "space":
                  break;
                case "comment":
                  if (st.indent > map.indent)
                    nl.length = 0;
                  break;
                default:
                  nl.length = 0;
              }
            }
            if (nl.length >= 2)
              start = it.sep.splice(nl[1]);
          }
          switch (this.type) {
            case "anchor":
            case "tag":
              if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start });
                this.onKeyLine = true;
              } else if (it.sep) {
                it.sep.push(this.sourceToken);
              } else {
                it.start.push(this.sourceToken);
              }
              return;
            case "explicit-key-ind":
              if (!it.sep && !it.explicitKey) {
                it.start.push(this.sourceToken);
                it.explicitKey = true;
              } else if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start, explicitKey: true });
              } else {
                this.stack.push({
                  type: "block-map",
                  offset: this.offset,
                  indent: this.indent,
                  items: [{ start: [this.sourceToken], explicitKey: true }]
                });
              }
              this.onKeyLine = true;
              return;
            case "map-value-ind":
              if (it.explicitKey) {
                if (!it.sep) {
                  if (includesToken(it.start, "newline")) {
                    Object.assign(it, { key: null, sep: [this.sourceToken] });
                  } else {
                    const start2 = getFirstKeyStartProps(it.start);
                    this.stack.push({
                      type: "block-map",
                      offset: this.offset,
                      indent: this.indent,
                      items: [{ start: start2, key: null, sep: [this.sourceToken] }]
                    });
                  }
                } else if (it.value) {
                  map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                  });
                } else if (isFlowToken(it.key) && !includesToken(it.sep, "newline")) {
                  const start2 = getFirstKeyStartProps(it.start);
                  const key = it.key;
                  const sep2 = it.sep;
                  sep2.push(this.sourceToken);
                  delete it.key;
                  delete it.sep;
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: start2, key, sep: sep2 }]
                  });
                } else if (start.length > 0) {
                  it.sep = it.sep.concat(start, this.sourceToken);
                } else {
                  it.sep.push(this.sourceToken);
                }
              } else {
                if (!it.sep) {
                  Object.assign(it, { key: null, sep: [this.sourceToken] });
                } else if (it.value || atNextItem) {
                  map.items.push({ start, key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [], key: null, sep: [this.sourceToken] }]
                  });
                } else {
                  it.sep.push(this.sourceToken);
                }
              }
              this.onKeyLine = true;
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (atNextItem || it.value) {
                map.items.push({ start, key: fs, sep: [] });
                this.onKeyLine = true;
              } else if (it.sep) {
                this.stack.push(fs);
              } else {
                Object.assign(it, { key: fs, sep: [] });
                this.onKeyLine = true;
              }
              return;
            }
            default: {
              const bv = this.startBlockValue(map);
              if (bv) {
                if (bv.type === "block-seq") {
                  if (!it.explicitKey && it.sep && !includesToken(it.sep, "newline")) {
                    yield* this.pop({
                      type: "error",
                      offset: this.offset,
                      message: "Unexpected block-seq-ind on same line with key",
                      source: this.source
                    });
                    return;
                  }
                } else if (atMapIndent) {
                  map.items.push({ start });
                }
                this.stack.push(bv);
                return;
              }
            }
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
          case "newline":
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                seq.items.push({ start: [this.sourceToken] });
            } else
              it.start.push(this.sourceToken);
            return;
          case "space":
          case "comment":
            if (it.value)
              seq.items.push({ start: [this.sourceToken] });
            else {
              if (this.atIndentedComment(it.start, seq.indent)) {
                const prev = seq.items[seq.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  seq.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
          case "anchor":
          case "tag":
            if (it.value || this.indent <= seq.indent)
              break;
            it.start.push(this.sourceToken);
            return;
          case "seq-item-ind":
            if (this.indent !== seq.indent)
              break;
            if (it.value || includesToken(it.start, "seq-item-ind"))
              seq.items.push({ start: [this.sourceToken] });
            else
              it.start.push(this.sourceToken);
            return;
        }
        if (this.indent > seq.indent) {
          const bv = this.startBlockValue(seq);
          if (bv) {
            this.stack.push(bv);
            return;
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === "flow-error-end") {
          let top;
          do {
            yield* this.pop();
            top = this.peek(1);
          } while (top?.type === "flow-collection");
        } else if (fc.end.length === 0) {
          switch (this.type) {
            case "comma":
            case "explicit-key-ind":
              if (!it || it.sep)
                fc.items.push({ start: [this.sourceToken] });
              else
                it.start.push(this.sourceToken);
              return;
            case "map-value-ind":
              if (!it || it.value)
                fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                Object.assign(it, { key: null, sep: [this.sourceToken] });
              return;
            case "space":
            case "comment":
            case "newline":
            case "anchor":
            case "tag":
              if (!it || it.value)
                fc.items.push({ start: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                it.start.push(this.sourceToken);
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (!it || it.value)
                fc.items.push({ start: [], key: fs, sep: [] });
              else if (it.sep)
                this.stack.push(fs);
              else
                Object.assign(it, { key: fs, sep: [] });
              return;
            }
            case "flow-map-end":
            case "flow-seq-end":
              fc.end.push(this.sourceToken);
              return;
          }
          const bv = this.startBlockValue(fc);
          if (bv)
            this.stack.push(bv);
          else {
            yield* this.pop();
            yield* this.step();
          }
        } else {
          const parent = this.peek(2);
          if (parent.type === "block-map" && (this.type === "map-value-ind" && parent.indent === fc.indent || this.type === "newline" && !parent.items[parent.items.length - 1].sep)) {
            yield* this.pop();
            yield* this.step();
          } else if (this.type === "map-value-ind" && parent.type !== "flow-collection") {
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            fixFlowSeqItems(fc);
            const sep2 = fc.end.splice(1, fc.end.length);
            sep2.push(this.sourceToken);
            const map = {
              type: "block-map",
              offset: fc.offset,
              indent: fc.indent,
              items: [{ start, key: fc, sep: sep2 }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
          } else {
            yield* this.lineEnd(fc);
          }
        }
      }
      flowScalar(type) {
        if (this.onNewLine) {
          let nl = this.source.indexOf("\n") + 1;
          while (nl !== 0) {
            this.onNewLine(this.offset + nl);
            nl = this.source.indexOf("\n", nl) + 1;
          }
        }
        return {
          type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
      }
      startBlockValue(parent) {
        switch (this.type) {
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return this.flowScalar(this.type);
          case "block-scalar-header":
            return {
              type: "block-scalar",
              offset: this.offset,
              indent: this.indent,
              props: [this.sourceToken],
              source: ""
            };
          case "flow-map-start":
          case "flow-seq-start":
            return {
              type: "flow-collection",
              offset: this.offset,
              indent: this.indent,
              start: this.sourceToken,
              items: [],
              end: []
            };
          case "seq-item-ind":
            return {
              type: "block-seq",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: [this.sourceToken] }]
            };
          case "explicit-key-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            start.push(this.sourceToken);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, explicitKey: true }]
            };
          }
          case "map-value-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, key: null, sep: [this.sourceToken] }]
            };
          }
        }
        return null;
      }
      atIndentedComment(start, indent) {
        if (this.type !== "comment")
          return false;
        if (this.indent <= indent)
          return false;
        return start.every((st) => st.type === "newline" || st.type === "space");
      }
      *documentEnd(docEnd) {
        if (this.type !== "doc-mode") {
          if (docEnd.end)
            docEnd.end.push(this.sourceToken);
          else
            docEnd.end = [this.sourceToken];
          if (this.type === "newline")
            yield* this.pop();
        }
      }
      *lineEnd(token) {
        switch (this.type) {
          case "comma":
          case "doc-start":
          case "doc-end":
          case "flow-seq-end":
          case "flow-map-end":
          case "map-value-ind":
            yield* this.pop();
            yield* this.step();
            break;
          case "newline":
            this.onKeyLine = false;
          // fallthrough
          case "space":
          case "comment":
          default:
            if (token.end)
              token.end.push(this.sourceToken);
            else
              token.end = [this.sourceToken];
            if (this.type === "newline")
              yield* this.pop();
        }
      }
    };
    exports.Parser = Parser3;
  }
});

// node_modules/yaml/dist/public-api.js
var require_public_api = __commonJS({
  "node_modules/yaml/dist/public-api.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document2 = require_Document();
    var errors = require_errors();
    var log = require_log();
    var identity = require_identity();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    function parseOptions(options) {
      const prettyErrors = options.prettyErrors !== false;
      const lineCounter$1 = options.lineCounter || prettyErrors && new lineCounter.LineCounter() || null;
      return { lineCounter: lineCounter$1, prettyErrors };
    }
    function parseAllDocuments(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      const docs = Array.from(composer$1.compose(parser$1.parse(source)));
      if (prettyErrors && lineCounter2)
        for (const doc of docs) {
          doc.errors.forEach(errors.prettifyError(source, lineCounter2));
          doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
        }
      if (docs.length > 0)
        return docs;
      return Object.assign([], { empty: true }, composer$1.streamInfo());
    }
    function parseDocument2(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      let doc = null;
      for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
          doc = _doc;
        else if (doc.options.logLevel !== "silent") {
          doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), "MULTIPLE_DOCS", "Source contains multiple documents; please use YAML.parseAllDocuments()"));
          break;
        }
      }
      if (prettyErrors && lineCounter2) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter2));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
      }
      return doc;
    }
    function parse3(src, reviver, options) {
      let _reviver = void 0;
      if (typeof reviver === "function") {
        _reviver = reviver;
      } else if (options === void 0 && reviver && typeof reviver === "object") {
        options = reviver;
      }
      const doc = parseDocument2(src, options);
      if (!doc)
        return null;
      doc.warnings.forEach((warning) => log.warn(doc.options.logLevel, warning));
      if (doc.errors.length > 0) {
        if (doc.options.logLevel !== "silent")
          throw doc.errors[0];
        else
          doc.errors = [];
      }
      return doc.toJS(Object.assign({ reviver: _reviver }, options));
    }
    function stringify3(value, replacer, options) {
      let _replacer = null;
      if (typeof replacer === "function" || Array.isArray(replacer)) {
        _replacer = replacer;
      } else if (options === void 0 && replacer) {
        options = replacer;
      }
      if (typeof options === "string")
        options = options.length;
      if (typeof options === "number") {
        const indent = Math.round(options);
        options = indent < 1 ? void 0 : indent > 8 ? { indent: 8 } : { indent };
      }
      if (value === void 0) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
          return void 0;
      }
      if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
      return new Document2.Document(value, _replacer, options).toString(options);
    }
    exports.parse = parse3;
    exports.parseAllDocuments = parseAllDocuments;
    exports.parseDocument = parseDocument2;
    exports.stringify = stringify3;
  }
});

// node_modules/yaml/dist/index.js
var require_dist = __commonJS({
  "node_modules/yaml/dist/index.js"(exports) {
    "use strict";
    var composer = require_composer();
    var Document2 = require_Document();
    var Schema2 = require_Schema();
    var errors = require_errors();
    var Alias = require_Alias();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar2 = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var cst = require_cst();
    var lexer = require_lexer();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    var publicApi = require_public_api();
    var visit = require_visit();
    exports.Composer = composer.Composer;
    exports.Document = Document2.Document;
    exports.Schema = Schema2.Schema;
    exports.YAMLError = errors.YAMLError;
    exports.YAMLParseError = errors.YAMLParseError;
    exports.YAMLWarning = errors.YAMLWarning;
    exports.Alias = Alias.Alias;
    exports.isAlias = identity.isAlias;
    exports.isCollection = identity.isCollection;
    exports.isDocument = identity.isDocument;
    exports.isMap = identity.isMap;
    exports.isNode = identity.isNode;
    exports.isPair = identity.isPair;
    exports.isScalar = identity.isScalar;
    exports.isSeq = identity.isSeq;
    exports.Pair = Pair.Pair;
    exports.Scalar = Scalar2.Scalar;
    exports.YAMLMap = YAMLMap.YAMLMap;
    exports.YAMLSeq = YAMLSeq.YAMLSeq;
    exports.CST = cst;
    exports.Lexer = lexer.Lexer;
    exports.LineCounter = lineCounter.LineCounter;
    exports.Parser = parser.Parser;
    exports.parse = publicApi.parse;
    exports.parseAllDocuments = publicApi.parseAllDocuments;
    exports.parseDocument = publicApi.parseDocument;
    exports.stringify = publicApi.stringify;
    exports.visit = visit.visit;
    exports.visitAsync = visit.visitAsync;
  }
});

// node_modules/yaml/dist/util.js
var require_util = __commonJS({
  "node_modules/yaml/dist/util.js"(exports) {
    "use strict";
    var createNode = require_createNode();
    var log = require_log();
    var Pair = require_Pair();
    var toJS = require_toJS();
    var YAMLMap = require_YAMLMap();
    var map = require_map();
    var seq = require_seq();
    var string = require_string();
    var foldFlowLines = require_foldFlowLines();
    var stringifyNumber = require_stringifyNumber();
    var stringifyString = require_stringifyString();
    exports.createNode = createNode.createNode;
    exports.debug = log.debug;
    exports.warn = log.warn;
    exports.createPair = Pair.createPair;
    exports.toJS = toJS.toJS;
    exports.findPair = YAMLMap.findPair;
    exports.mapTag = map.map;
    exports.seqTag = seq.seq;
    exports.stringTag = string.string;
    exports.foldFlowLines = foldFlowLines.foldFlowLines;
    exports.stringifyNumber = stringifyNumber.stringifyNumber;
    exports.stringifyString = stringifyString.stringifyString;
  }
});

// node_modules/yaml-types/dist/bigint.js
var require_bigint = __commonJS({
  "node_modules/yaml-types/dist/bigint.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.bigint = void 0;
    var util_1 = require_util();
    exports.bigint = {
      identify: (value) => {
        return typeof value === "bigint" || value instanceof BigInt;
      },
      tag: "!bigint",
      resolve(str) {
        if (str.endsWith("n"))
          str = str.substring(0, str.length - 1);
        return BigInt(str);
      },
      stringify(item, ctx, onComment, onChompKeep) {
        if (!exports.bigint.identify?.(item.value)) {
          throw new TypeError(`${item.value} is not a bigint`);
        }
        const value = item.value.toString() + "n";
        return (0, util_1.stringifyString)({ value }, ctx, onComment, onChompKeep);
      }
    };
  }
});

// node_modules/yaml-types/dist/class.js
var require_class = __commonJS({
  "node_modules/yaml-types/dist/class.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.classTag = void 0;
    var util_1 = require_util();
    var options = {
      defaultType: "BLOCK_LITERAL"
    };
    exports.classTag = {
      identify(value) {
        const cls = value;
        try {
          return typeof value === "function" && Boolean(class extends cls {
          });
        } catch {
          return false;
        }
      },
      tag: "!class",
      resolve(str) {
        const f = class {
        };
        f.toString = () => str;
        const m = str.trim().match(/^class(?:\s+([^{ \s]*?)[{\s])/);
        Object.defineProperty(f, "name", {
          value: m?.[1],
          enumerable: false,
          configurable: true,
          writable: true
        });
        return f;
      },
      options,
      stringify(i, ctx, onComment, onChompKeep) {
        const { type: originalType, value: originalValue } = i;
        const cls = originalValue;
        const value = cls.toString();
        const type = originalType || options.defaultType;
        return (0, util_1.stringifyString)({ ...i, type, value }, ctx, onComment, onChompKeep);
      }
    };
  }
});

// node_modules/yaml-types/dist/error.js
var require_error = __commonJS({
  "node_modules/yaml-types/dist/error.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.error = void 0;
    var yaml_1 = require_dist();
    var tag = "!error";
    var customInspectSymbol = /* @__PURE__ */ Symbol.for("nodejs.util.inspect.custom");
    var YAMLErrorObject = class extends yaml_1.YAMLMap {
      constructor() {
        super(...arguments);
        this.tag = tag;
      }
      toJSON(_, ctx) {
        ctx = { ...ctx, mapAsMap: false };
        const { name, message, stack, ...rest } = super.toJSON(_, ctx);
        const Cls = name === "EvalError" ? EvalError : name === "RangeError" ? RangeError : name === "ReferenceError" ? ReferenceError : name === "SyntaxError" ? SyntaxError : name === "TypeError" ? TypeError : name === "URIError" ? URIError : Error;
        const er = new Cls(message);
        if (Cls.name !== name) {
          Object.defineProperty(er, "name", {
            value: name,
            enumerable: false,
            configurable: true
          });
        }
        er.stack = stack;
        return Object.assign(er, rest);
      }
      static from(schema2, value, ctx) {
        const error2 = value;
        const { name, message, stack, cause } = error2;
        const maybeCustom = error2;
        let fields = typeof maybeCustom[customInspectSymbol] === "function" && maybeCustom[customInspectSymbol]();
        fields || (fields = typeof maybeCustom.toJSON === "function" && maybeCustom.toJSON());
        fields || (fields = { ...error2 });
        const withCause = cause === void 0 ? {} : { cause };
        delete fields.domain;
        delete fields.domainEmitter;
        delete fields.domainThrew;
        return super.from(schema2, {
          name,
          message,
          stack,
          ...withCause,
          ...fields
        }, ctx);
      }
    };
    exports.error = {
      tag,
      collection: "map",
      nodeClass: YAMLErrorObject,
      identify: (er) => er instanceof Error
    };
  }
});

// node_modules/yaml-types/dist/function.js
var require_function = __commonJS({
  "node_modules/yaml-types/dist/function.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.functionTag = void 0;
    var util_1 = require_util();
    var options = {
      defaultType: "BLOCK_LITERAL"
    };
    exports.functionTag = {
      identify: (value) => typeof value === "function",
      tag: "!function",
      resolve(str) {
        const src = str.split("\n");
        const n = src.shift();
        const name = n ? JSON.parse(n) : void 0;
        const code = src.join("\n");
        const f = function() {
        };
        Object.defineProperty(f, "name", {
          value: name,
          enumerable: false,
          configurable: true
        });
        f.toString = () => code;
        return f;
      },
      options,
      stringify(i, ctx, onComment, onChompKeep) {
        const { type: originalType, value: originalValue } = i;
        const fn = originalValue;
        const value = JSON.stringify(fn.name) + "\n" + fn.toString();
        const type = originalType || options.defaultType;
        return (0, util_1.stringifyString)({ ...i, type, value }, ctx, onComment, onChompKeep);
      }
    };
  }
});

// node_modules/yaml-types/dist/null-object.js
var require_null_object = __commonJS({
  "node_modules/yaml-types/dist/null-object.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.nullobject = void 0;
    var yaml_1 = require_dist();
    var tag = "!nullobject";
    var YAMLNullObject = class extends yaml_1.YAMLMap {
      constructor() {
        super(...arguments);
        this.tag = tag;
      }
      toJSON(_, ctx) {
        const obj = super.toJSON(_, { ...ctx, mapAsMap: false });
        return Object.assign(/* @__PURE__ */ Object.create(null), obj);
      }
    };
    exports.nullobject = {
      tag,
      collection: "map",
      nodeClass: YAMLNullObject,
      identify: (v) => !!(typeof v === "object" && v && !Object.getPrototypeOf(v))
    };
  }
});

// node_modules/yaml-types/dist/regexp.js
var require_regexp = __commonJS({
  "node_modules/yaml-types/dist/regexp.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.regexp = void 0;
    exports.regexp = {
      identify: (value) => value instanceof RegExp,
      tag: "!re",
      resolve(str) {
        const match = str.match(/^\/([\s\S]+)\/([dgimsuy]*)$/);
        if (!match)
          throw new Error("Invalid RegExp value");
        return new RegExp(match[1], match[2]);
      }
    };
  }
});

// node_modules/yaml-types/dist/symbol.js
var require_symbol = __commonJS({
  "node_modules/yaml-types/dist/symbol.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.symbol = exports.sharedSymbol = void 0;
    var util_1 = require_util();
    exports.sharedSymbol = {
      identify: (value) => value?.constructor === Symbol && typeof Symbol.keyFor(value) === "string",
      tag: "!symbol/shared",
      resolve: (str) => Symbol.for(str),
      stringify(item, ctx, onComment, onChompKeep) {
        const key = Symbol.keyFor(item.value);
        if (key === void 0) {
          throw new TypeError("Only shared symbols are supported");
        }
        return (0, util_1.stringifyString)({ value: key }, ctx, onComment, onChompKeep);
      }
    };
    exports.symbol = {
      identify: (value) => value?.constructor === Symbol && Symbol.keyFor(value) === void 0,
      tag: "!symbol",
      resolve: (str) => Symbol(str),
      stringify(item, ctx, onComment, onChompKeep) {
        const sym = item.value;
        if (typeof sym !== "symbol")
          throw new TypeError(`${sym} is not a symbol`);
        const value = String(sym).replace(/^Symbol\(|\)$/g, "");
        return (0, util_1.stringifyString)({ value }, ctx, onComment, onChompKeep);
      }
    };
  }
});

// node_modules/yaml-types/dist/yaml11.js
var require_yaml11 = __commonJS({
  "node_modules/yaml-types/dist/yaml11.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.timestamp = exports.set = exports.pairs = exports.omap = exports.binary = void 0;
    var yaml_1 = require_dist();
    var tags = new yaml_1.Schema({ resolveKnownTags: true }).knownTags;
    exports.binary = tags["tag:yaml.org,2002:binary"], exports.omap = tags["tag:yaml.org,2002:omap"], exports.pairs = tags["tag:yaml.org,2002:pairs"], exports.set = tags["tag:yaml.org,2002:set"];
    exports.timestamp = {
      ...tags["tag:yaml.org,2002:timestamp"],
      default: false
    };
  }
});

// node_modules/yaml-types/dist/index.js
var require_dist2 = __commonJS({
  "node_modules/yaml-types/dist/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.timestamp = exports.set = exports.pairs = exports.omap = exports.binary = exports.symbol = exports.sharedSymbol = exports.regexp = exports.nullobject = exports.functionTag = exports.error = exports.classTag = exports.bigint = void 0;
    var bigint_js_1 = require_bigint();
    Object.defineProperty(exports, "bigint", { enumerable: true, get: function() {
      return bigint_js_1.bigint;
    } });
    var class_js_1 = require_class();
    Object.defineProperty(exports, "classTag", { enumerable: true, get: function() {
      return class_js_1.classTag;
    } });
    var error_js_1 = require_error();
    Object.defineProperty(exports, "error", { enumerable: true, get: function() {
      return error_js_1.error;
    } });
    var function_js_1 = require_function();
    Object.defineProperty(exports, "functionTag", { enumerable: true, get: function() {
      return function_js_1.functionTag;
    } });
    var null_object_js_1 = require_null_object();
    Object.defineProperty(exports, "nullobject", { enumerable: true, get: function() {
      return null_object_js_1.nullobject;
    } });
    var regexp_js_1 = require_regexp();
    Object.defineProperty(exports, "regexp", { enumerable: true, get: function() {
      return regexp_js_1.regexp;
    } });
    var symbol_js_1 = require_symbol();
    Object.defineProperty(exports, "sharedSymbol", { enumerable: true, get: function() {
      return symbol_js_1.sharedSymbol;
    } });
    Object.defineProperty(exports, "symbol", { enumerable: true, get: function() {
      return symbol_js_1.symbol;
    } });
    var yaml11_js_1 = require_yaml11();
    Object.defineProperty(exports, "binary", { enumerable: true, get: function() {
      return yaml11_js_1.binary;
    } });
    Object.defineProperty(exports, "omap", { enumerable: true, get: function() {
      return yaml11_js_1.omap;
    } });
    Object.defineProperty(exports, "pairs", { enumerable: true, get: function() {
      return yaml11_js_1.pairs;
    } });
    Object.defineProperty(exports, "set", { enumerable: true, get: function() {
      return yaml11_js_1.set;
    } });
    Object.defineProperty(exports, "timestamp", { enumerable: true, get: function() {
      return yaml11_js_1.timestamp;
    } });
  }
});

// node_modules/events-to-array/index.js
var require_events_to_array = __commonJS({
  "node_modules/events-to-array/index.js"(exports, module) {
    "use strict";
    var { EventEmitter: EventEmitter2 } = __require("events");
    module.exports = eventsToArray;
    function eventsToArray(ee, ignore = [], map = (x) => x) {
      const array = [];
      const orig = ee.emit;
      ee.emit = function(...args) {
        if (!ignore.includes(args[0])) {
          args = args.map((arg, i, arr) => {
            if (arg instanceof EventEmitter2) {
              return eventsToArray(arg, ignore, map);
            }
            return map(arg, i, arr);
          });
          array.push(args);
        }
        return orig.apply(this, args);
      };
      return array;
    }
  }
});

// src/provision/apt.ts
import { readFile } from "node:fs/promises";
function usesT64Names(osRelease) {
  const field = (name) => new RegExp(`^${name}=["']?([^"'\\n]*)`, "m").exec(osRelease)?.[1] ?? "";
  const id = field("ID");
  const version = Number.parseFloat(field("VERSION_ID"));
  if (id === "debian") return Number.isNaN(version) || version >= 13;
  if (id === "ubuntu") return version >= 24.04;
  return false;
}
async function installable(names, env) {
  if (names.length === 0) return /* @__PURE__ */ new Set();
  const r = await execa("apt-cache", ["policy", ...names], {
    env: { ...env, LC_ALL: "C" },
    extendEnv: false,
    stdin: "ignore",
    reject: false,
    timeout: 6e4
  });
  const out = /* @__PURE__ */ new Set();
  for (const m of (r.stdout ?? "").matchAll(/^(\S+):\n\s+Installed: .*\n\s+Candidate: (.*)$/gm)) {
    if (m[1] && m[2] && m[2].trim() !== "(none)") out.add(m[1]);
  }
  return out;
}
async function choosePackages(plan, env) {
  const ambiguous = plan.known.filter((k) => k.packages.length > 1).flatMap((k) => k.packages);
  const available = await installable([...new Set(ambiguous)], env).catch(() => /* @__PURE__ */ new Set());
  const t64 = usesT64Names(await readFile("/etc/os-release", "utf8").catch(() => ""));
  return plan.known.map(({ library, packages }) => {
    const pkg = packages.find((p) => available.has(p)) ?? (t64 || packages.length === 1 ? packages[0] : packages[packages.length - 1]);
    return { library, pkg: pkg ?? library };
  });
}
function unique(items) {
  return [...new Set(items)];
}
function installCommand(packages, sudo) {
  const s = sudo ? "sudo " : "";
  return `${s}apt-get update && ${s}apt-get install -y --no-install-recommends ${packages.join(" ")}`;
}
async function privilege(uid, env) {
  if (uid === 0) return [];
  const sudo = await execa("sudo", ["-n", "true"], { env, extendEnv: false, stdin: "ignore", reject: false, timeout: 3e4 });
  if (sudo.exitCode === 0) return ["sudo", "-n"];
  return sudo.code === "ENOENT" ? `this runs as user ${uid ?? "?"} (not root) and there is no sudo` : `this runs as user ${uid ?? "?"} (not root) and sudo asks for a password (\`sudo -n true\` failed)`;
}
function withSbin(path2) {
  const dirs = (path2 ?? "").split(":").filter(Boolean);
  for (const d of ["/usr/local/sbin", "/usr/sbin", "/sbin"]) if (!dirs.includes(d)) dirs.push(d);
  return dirs.join(":");
}
var APT_TIMEOUT_MS = 20 * 6e4;
async function aptGet(prefix, args, env, log, signal) {
  const argv = [...prefix, ...prefix.length ? ["env", "DEBIAN_FRONTEND=noninteractive"] : [], "apt-get", "-q", ...args];
  const command = argv.join(" ");
  log(`$ ${command}`);
  const [file = "apt-get", ...rest] = argv;
  const sub = execa(file, rest, {
    env: { ...env, DEBIAN_FRONTEND: "noninteractive", PATH: withSbin(env.PATH) },
    extendEnv: false,
    stdin: "ignore",
    all: true,
    reject: false,
    timeout: APT_TIMEOUT_MS,
    ...signal ? { cancelSignal: signal } : {}
  });
  const tail2 = [];
  try {
    for await (const raw of sub.iterable({ from: "all" })) {
      const line = raw.split("\r").filter(Boolean).pop() ?? "";
      log(`  ${line}`);
      tail2.push(line);
      if (tail2.length > 25) tail2.shift();
    }
  } catch {
  }
  const r = await sub;
  const how = r.timedOut ? `timed out after ${APT_TIMEOUT_MS / 6e4} min` : r.isCanceled ? "cancelled" : r.exitCode !== void 0 ? `exit code ${r.exitCode}` : r.shortMessage ?? "it failed";
  return { ok: !r.failed, command, tail: tail2, how };
}

// src/provision/libraries.ts
var LIBRARY_PACKAGES = {
  // X11 and its protocol libraries: GHOST's X11 backend, tablets (Xi), gamma (Xxf86vm).
  "libX11.so.6": ["libx11-6"],
  "libX11-xcb.so.1": ["libx11-xcb1"],
  "libxcb.so.1": ["libxcb1"],
  "libXau.so.6": ["libxau6"],
  "libXdmcp.so.6": ["libxdmcp6"],
  "libXext.so.6": ["libxext6"],
  "libXi.so.6": ["libxi6"],
  "libXfixes.so.3": ["libxfixes3"],
  "libXrender.so.1": ["libxrender1"],
  "libXxf86vm.so.1": ["libxxf86vm1"],
  "libXinerama.so.1": ["libxinerama1"],
  "libXrandr.so.2": ["libxrandr2"],
  "libXcursor.so.1": ["libxcursor1"],
  "libXss.so.1": ["libxss1"],
  "libXt.so.6": ["libxt6"],
  "libXmu.so.6": ["libxmu6"],
  "libXv.so.1": ["libxv1"],
  "libXcomposite.so.1": ["libxcomposite1"],
  "libXdamage.so.1": ["libxdamage1"],
  "libxshmfence.so.1": ["libxshmfence1"],
  "libSM.so.6": ["libsm6"],
  "libICE.so.6": ["libice6"],
  "libxkbcommon.so.0": ["libxkbcommon0"],
  "libxkbcommon-x11.so.0": ["libxkbcommon-x11-0"],
  "libxcb-xkb.so.1": ["libxcb-xkb1"],
  "libxcb-render.so.0": ["libxcb-render0"],
  "libxcb-shm.so.0": ["libxcb-shm0"],
  "libxcb-shape.so.0": ["libxcb-shape0"],
  "libxcb-xfixes.so.0": ["libxcb-xfixes0"],
  "libxcb-randr.so.0": ["libxcb-randr0"],
  "libxcb-dri2.so.0": ["libxcb-dri2-0"],
  "libxcb-dri3.so.0": ["libxcb-dri3-0"],
  "libxcb-glx.so.0": ["libxcb-glx0"],
  "libxcb-present.so.0": ["libxcb-present0"],
  "libxcb-sync.so.1": ["libxcb-sync1"],
  // OpenGL, EGL and Vulkan (GLVND and Mesa).
  "libGL.so.1": ["libgl1"],
  "libEGL.so.1": ["libegl1"],
  "libGLX.so.0": ["libglx0"],
  "libOpenGL.so.0": ["libopengl0"],
  "libGLdispatch.so.0": ["libglvnd0"],
  "libGLU.so.1": ["libglu1-mesa"],
  "libGLESv2.so.2": ["libgles2"],
  "libgbm.so.1": ["libgbm1"],
  "libdrm.so.2": ["libdrm2"],
  "libepoxy.so.0": ["libepoxy0"],
  "libvulkan.so.1": ["libvulkan1"],
  "libOpenCL.so.1": ["ocl-icd-libopencl1"],
  // Wayland (4.x and later).
  "libwayland-client.so.0": ["libwayland-client0"],
  "libwayland-cursor.so.0": ["libwayland-cursor0"],
  "libwayland-egl.so.1": ["libwayland-egl1"],
  "libwayland-server.so.0": ["libwayland-server0"],
  "libdecor-0.so.0": ["libdecor-0-0"],
  // Fonts and images.
  "libfontconfig.so.1": ["libfontconfig1"],
  "libfreetype.so.6": ["libfreetype6"],
  "libexpat.so.1": ["libexpat1"],
  "libpng16.so.16": ["libpng16-16t64", "libpng16-16"],
  // Compiler runtimes and base libraries that minimal images can still lack.
  "libgomp.so.1": ["libgomp1"],
  "libstdc++.so.6": ["libstdc++6"],
  "libgcc_s.so.1": ["libgcc-s1"],
  "libcrypt.so.1": ["libcrypt1"],
  "libz.so.1": ["zlib1g"],
  "libbz2.so.1.0": ["libbz2-1.0"],
  "liblzma.so.5": ["liblzma5"],
  "libzstd.so.1": ["libzstd1"],
  "libuuid.so.1": ["libuuid1"],
  "libtinfo.so.6": ["libtinfo6"],
  "libncursesw.so.6": ["libncursesw6"],
  "libxml2.so.2": ["libxml2"],
  "libssl.so.3": ["libssl3t64", "libssl3"],
  "libcrypto.so.3": ["libssl3t64", "libssl3"],
  "libnuma.so.1": ["libnuma1"],
  // Desktop integration.
  "libglib-2.0.so.0": ["libglib2.0-0t64", "libglib2.0-0"],
  "libgobject-2.0.so.0": ["libglib2.0-0t64", "libglib2.0-0"],
  "libgio-2.0.so.0": ["libglib2.0-0t64", "libglib2.0-0"],
  "libgthread-2.0.so.0": ["libglib2.0-0t64", "libglib2.0-0"],
  "libdbus-1.so.3": ["libdbus-1-3"],
  // Audio and input.
  "libasound.so.2": ["libasound2t64", "libasound2"],
  "libpulse.so.0": ["libpulse0"],
  "libjack.so.0": ["libjack-jackd2-0"],
  "libSDL2-2.0.so.0": ["libsdl2-2.0-0"],
  "libopenal.so.1": ["libopenal1"],
  "libsndfile.so.1": ["libsndfile1"],
  "libspnav.so.0": ["libspnav0"],
  "libjemalloc.so.2": ["libjemalloc2"],
  // Parts of glibc itself.
  "libm.so.6": ["libc6"],
  "libdl.so.2": ["libc6"],
  "librt.so.1": ["libc6"],
  "libpthread.so.0": ["libc6"],
  "libutil.so.1": ["libc6"],
  "libresolv.so.2": ["libc6"],
  "libmvec.so.1": ["libc6"]
};
var SONAME = String.raw`([\w.+-]+?\.so(?:\.\d+)*)`;
var MISSING_PATTERNS = [
  // The loader: "blender: error while loading shared libraries: libXi.so.6: cannot open shared
  // object file: No such file or directory"; dlopen() failures read the same.
  new RegExp(`${SONAME}: cannot open shared object file`, "g"),
  // glibc's ldd: "\tlibXi.so.6 => not found".
  new RegExp(String.raw`^\s*${SONAME} => not found`, "gm"),
  // musl's ldd (Alpine): "Error loading shared library libXi.so.6: No such file or directory".
  new RegExp(String.raw`Error loading shared library ${SONAME}: No such file`, "g")
];
function missingLibraries(text) {
  const found = [];
  for (const pattern of MISSING_PATTERNS) {
    for (const m of text.matchAll(pattern)) if (m[1]) found.push({ at: m.index, name: m[1] });
  }
  return [...new Set(found.sort((a, b) => a.at - b.at).map((f) => f.name))];
}
function planLibraries(libraries) {
  const plan = { known: [], unknown: [] };
  for (const library of libraries) {
    const packages = LIBRARY_PACKAGES[library];
    if (packages) plan.known.push({ library, packages });
    else plan.unknown.push(library);
  }
  return plan;
}
function describeMissing(executable, chosen, unknown) {
  const count = chosen.length + unknown.length;
  const width = Math.max(...[...chosen.map((c) => c.library), ...unknown].map((l) => l.length));
  return [
    `Blender (${executable}) cannot start: ${count === 1 ? "a shared library it needs is" : `${count} shared libraries it needs are`} missing on this system:`,
    ...chosen.map((c) => `  ${c.library.padEnd(width)}  from package ${c.pkg}`),
    ...unknown.map(
      (l) => `  ${l.padEnd(width)}  no package known; find it with \`apt-file search ${l}\` (after \`apt-get install apt-file && apt-file update\`)`
    )
  ].join("\n");
}

// src/provision/system-deps.ts
var SystemDepsError = class extends Error {
  constructor(message, missing, packages) {
    super(message);
    this.missing = missing;
    this.packages = packages;
  }
  missing;
  packages;
  name = "SystemDepsError";
};
async function lddMissing(executable, env) {
  const r = await execa("ldd", [executable], {
    env: { ...env, LC_ALL: "C" },
    extendEnv: false,
    stdin: "ignore",
    all: true,
    reject: false,
    timeout: 6e4
  });
  if (r.code === "ENOENT" || r.timedOut) return void 0;
  const missing = missingLibraries(r.all ?? "");
  return r.exitCode === 0 || missing.length ? missing : void 0;
}
async function allMissing(executable, run2, env) {
  const fromRun = missingLibraries(run2.output);
  if (fromRun.length === 0) return [];
  return unique([...fromRun, ...await lddMissing(executable, env) ?? []]);
}
async function aptPrefix(s) {
  const { description, missing, packages } = s;
  if (s.options.mode === "none") {
    const install2 = packages.length ? `Install ${packages.length === 1 ? "it" : "them"} with:
  ${installCommand(packages, s.uid !== 0)}
or let the harness do it (system-deps: auto, the default).` : "None of them has a known package: find the packages with apt-file as shown, and install them.";
    throw new SystemDepsError(`${description}
system-deps is none, so nothing was installed. ${install2}`, missing, packages);
  }
  if (packages.length === 0) {
    throw new SystemDepsError(
      `${description}
No package is known for ${missing.length === 1 ? "it" : "them"}, so there is nothing to install: find the packages with apt-file as shown and install them before this step.`,
      missing,
      packages
    );
  }
  if (!which("apt-get", s.env)) {
    throw new SystemDepsError(
      `${description}
There is no apt-get here (not Debian or Ubuntu?), so they cannot be installed automatically: install the packages that provide these libraries with this system's package manager (the names above are Debian's).`,
      missing,
      packages
    );
  }
  const prefix = await privilege(s.uid, s.env);
  if (typeof prefix === "string") {
    throw new SystemDepsError(
      `${description}
They cannot be installed automatically: ${prefix}. Run the job as root (in a container: \`options: --user root\`), allow passwordless sudo, or install them beforehand:
  ${installCommand(packages, true)}`,
      missing,
      packages
    );
  }
  return prefix;
}
async function installPackages(s, prefix) {
  const { env, options } = s;
  const { log, signal } = options;
  log(`Installing ${s.packages.join(" ")} with apt-get (${prefix.length ? "with sudo" : "as root"}).`);
  const update = await aptGet(prefix, ["update"], env, log, signal);
  if (!update.ok) log(`\`${update.command}\` failed (${update.how}); trying the install with the package lists already there.`);
  const final = unique((await choosePackages(s.plan, env)).map((c) => c.pkg));
  const install2 = await aptGet(
    prefix,
    ["install", "-y", "--no-install-recommends", "-o", "DPkg::Lock::Timeout=300", ...final],
    env,
    log,
    signal
  );
  if (!install2.ok) {
    throw new SystemDepsError(
      `${s.description}
Installing them failed: \`${install2.command}\` ended with ${install2.how}:
${install2.tail.join("\n")}${update.ok ? "" : `
(\`apt-get update\` had failed too: ${update.tail.slice(-5).join("\n")})`}`,
      s.missing,
      final
    );
  }
  return final;
}
async function checkAgain(s, final) {
  const { executable, env, options } = s;
  const again = await runVersion(executable, { env, ...options.signal ? { signal: options.signal } : {} });
  if (again.ok) {
    options.log(`Blender starts now (installed ${final.join(" ")}).`);
    return { installed: final };
  }
  const still = await allMissing(executable, again, env);
  if (still.length === 0) {
    options.log(
      `Installed ${final.join(" ")}; ${executable} --version still fails (${again.how}), not for a missing library; starting Blender will show the details.`
    );
    return { installed: final };
  }
  const left = planLibraries(still);
  throw new SystemDepsError(
    `Installed ${final.join(" ")} with apt-get, but Blender still cannot start.
${describeMissing(executable, await choosePackages(left, env), left.unknown)}`,
    still,
    final
  );
}
async function ensureRunnable(executable, options) {
  if (currentPlatform().os !== "linux") return { installed: [] };
  const env = options.env ?? process.env;
  if ((await lddMissing(executable, env))?.length === 0) return { installed: [] };
  const first = await runVersion(executable, { env, ...options.signal ? { signal: options.signal } : {} });
  if (first.ok) return { installed: [] };
  const missing = await allMissing(executable, first, env);
  if (missing.length === 0) {
    const glibc = /version `GLIBC_([\d.]+)' not found/.exec(first.output)?.[1];
    options.log(
      `${executable} --version failed (${first.how}), not for a missing library${glibc ? `: it needs glibc ${glibc} or newer, which this system does not have (use a newer base image)` : ""}; starting Blender will show the details.`
    );
    return { installed: [] };
  }
  const plan = planLibraries(missing);
  const chosen = await choosePackages(plan, env);
  const description = describeMissing(executable, chosen, plan.unknown);
  options.log(description);
  const s = {
    executable,
    missing,
    plan,
    packages: unique(chosen.map((c) => c.pkg)),
    description,
    env,
    uid: options.uid ?? process.getuid?.(),
    options
  };
  const prefix = await aptPrefix(s);
  return checkAgain(s, await installPackages(s, prefix));
}

// src/python/coverage.ts
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync as statSync2, writeFileSync as writeFileSync2 } from "node:fs";
import { tmpdir } from "node:os";
import { join as join3, resolve as resolve2 } from "node:path";

// src/python/in-blender.ts
import { join } from "node:path";
var ANSWER_PREFIX = {
  "python_packages.py": wire.lines.packages,
  "coverage_report.py": wire.lines.coverage
};
var InBlenderError = class extends Error {
  constructor(message, output) {
    super(message);
    this.output = output;
    this.name = "InBlenderError";
  }
  output;
};
async function runInBlender(blender, script, args, options = {}) {
  if (options.python) {
    const direct = await run(options.python, [join(blenderScriptsDir(), script), "--", ...args], script, options).catch(() => void 0);
    if (direct?.answer) return direct;
  }
  return run(blender, ["--background", "--factory-startup", "--python", join(blenderScriptsDir(), script), "--", ...args], script, options);
}
async function run(command, argv, script, options) {
  const child = execa(command, argv, {
    stdin: "ignore",
    all: true,
    reject: false,
    env: { ...options.env ?? process.env, PIP_ROOT_USER_ACTION: "ignore", PIP_NO_INPUT: "1" },
    ...options.cwd ? { cwd: options.cwd } : {},
    ...options.signal ? { cancelSignal: options.signal } : {},
    ...options.timeoutMs ? { timeout: options.timeoutMs } : {},
    forceKillAfterDelay: 2e3
  });
  const onLine = options.onLine;
  if (onLine) {
    const splitter = new LineSplitter();
    child.all?.on("data", (chunk) => splitter.push(chunk.toString("utf8")).forEach(onLine));
  }
  const r = await child;
  const output = r.all ?? "";
  const prefix = ANSWER_PREFIX[script];
  const last = output.split("\n").reverse().find((l) => l.startsWith(prefix));
  let answer;
  try {
    answer = last ? JSON.parse(last.slice(prefix.length)) : void 0;
  } catch {
    answer = void 0;
  }
  if (r.isCanceled) throw new InBlenderError("the run was cancelled", output);
  if (r.timedOut) throw new InBlenderError(`Blender did not finish ${script} within ${(options.timeoutMs ?? 0) / 1e3} s`, output);
  const shown = answer ? output.split("\n").filter((l) => l !== last).join("\n") : output;
  return { answer, output: shown, exitCode: r.exitCode };
}

// src/report/files.ts
import { randomBytes } from "node:crypto";
import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fsyncSync,
  mkdirSync,
  openSync,
  realpathSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeFileSync
} from "node:fs";
import { basename, dirname, join as join2, resolve } from "node:path";
function missingFolders(folder) {
  const missing = [];
  let current = resolve(folder);
  for (; ; ) {
    try {
      statSync(current);
      return { existing: current, missing };
    } catch {
      missing.unshift(current);
      const parent = dirname(current);
      if (parent === current) return { existing: current, missing };
      current = parent;
    }
  }
}
function statOrUndefined(path2) {
  try {
    return statSync(path2);
  } catch {
    return void 0;
  }
}
function reportTarget(file) {
  const path2 = resolve(file);
  const stats = statOrUndefined(path2);
  if (!stats) return { path: path2, inPlace: false, stats };
  return { path: stats.isFile() ? realpathSync(path2) : path2, inPlace: !stats.isFile() && !stats.isDirectory(), stats };
}
var scratchName = (target, kind) => join2(dirname(target), `.${basename(target)}.${randomBytes(6).toString("hex")}.${kind}`);
function reportPathProblem(file) {
  const target = reportTarget(file);
  if (target.stats?.isDirectory()) return `${file} is a folder; give a file name, e.g. ${file.replace(/\/?$/, "/results")}`;
  if (target.inPlace) {
    try {
      accessSync(target.path, constants.W_OK);
      return void 0;
    } catch {
      return `${file} is not writable`;
    }
  }
  const { existing } = missingFolders(dirname(target.path));
  if (!statSync(existing).isDirectory()) return `${file}: ${existing} is a file, so no folder can be made there`;
  const probe = scratchName(join2(existing, basename(target.path)), "probe");
  try {
    closeSync(openSync(probe, "wx"));
  } catch (error2) {
    return `${file}: cannot write in ${existing} (${error2.code ?? error2.message})`;
  }
  try {
    unlinkSync(probe);
  } catch {
  }
  return void 0;
}
function writeReport(file, text) {
  const target = reportTarget(file);
  if (target.inPlace) {
    writeFileSync(target.path, text);
    return;
  }
  const made = [];
  try {
    for (const folder of missingFolders(dirname(target.path)).missing) {
      mkdirSync(folder);
      made.push(folder);
    }
    const temp = scratchName(target.path, "tmp");
    const fd = openSync(temp, "wx");
    try {
      try {
        if (target.stats) fchmodSync(fd, target.stats.mode & 4095);
        writeFileSync(fd, text);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, target.path);
    } catch (error2) {
      try {
        unlinkSync(temp);
      } catch {
      }
      throw error2;
    }
  } catch (error2) {
    for (const folder of made.reverse()) {
      try {
        rmdirSync(folder);
      } catch {
      }
    }
    throw error2;
  }
}

// src/python/coverage.ts
var CoverageError = class extends Error {
  constructor(message, log) {
    super(message);
    this.log = log;
    this.name = "CoverageError";
  }
  log;
};
function parseFailUnder(text) {
  const n = Number(text);
  return text.trim() && Number.isFinite(n) && n >= 0 && n <= 100 ? n : { problem: `a percentage from 0 to 100, not ${JSON.stringify(text)}` };
}
function startCoverageRun(sources, cwd) {
  const absolute = sources.map((s) => resolve2(cwd, s));
  const include = absolute.map((s) => existsSync(s) && statSync2(s).isDirectory() ? join3(s, "*") : s);
  return { dataDir: mkdtempSync(join3(tmpdir(), "bh-coverage-")), sources: absolute, include };
}
function lineRanges(lines) {
  const out = [];
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === (lines[j] ?? 0) + 1) j += 1;
    out.push(i === j ? `${lines[i]}` : `${lines[i]}-${lines[j]}`);
    i = j + 1;
  }
  return out.join(", ");
}
function jsonSummary(s) {
  return {
    statements: s.num_statements,
    missing: s.missing_lines,
    branches: s.num_branches ?? 0,
    partialBranches: s.num_partial_branches ?? 0,
    coveredBranches: s.covered_branches ?? 0,
    percent: s.percent_covered
  };
}
function readJsonReport(json) {
  const report = JSON.parse(readFileSync(json, "utf8"));
  const files = Object.entries(report.files).map(([path2, f]) => ({
    path: path2,
    ...jsonSummary(f.summary),
    missingLines: lineRanges(f.missing_lines),
    detail: {
      executed: f.executed_lines,
      missed: f.missing_lines,
      taken: f.executed_branches ?? [],
      notTaken: f.missing_branches ?? []
    }
  })).sort((a, b) => a.path.localeCompare(b.path));
  return { files, totals: jsonSummary(report.totals) };
}
async function finishCoverageRun(run2, options) {
  const json = join3(run2.dataDir, "coverage.json");
  const request = join3(run2.dataDir, "request.json");
  writeFileSync2(
    request,
    JSON.stringify({
      data_dir: run2.dataDir,
      sources: run2.sources,
      json,
      xml: options.xml ?? null,
      python_paths: options.pythonPaths ?? []
    })
  );
  try {
    let result;
    try {
      result = await runInBlender(options.blender, "coverage_report.py", [request], {
        cwd: options.cwd,
        ...options.env ? { env: options.env } : {},
        ...options.python ? { python: options.python } : {},
        timeoutMs: 3e5
      });
    } catch (error2) {
      if (error2 instanceof InBlenderError) throw new CoverageError(`combining the coverage data: ${error2.message}`, error2.output);
      throw error2;
    }
    const { answer, output } = result;
    if (answer?.error === "NoData")
      throw new CoverageError("coverage: no data was collected for the sources (did any test import them?)", output);
    if (!answer?.ok) {
      const why = typeof answer?.message === "string" ? answer.message : output.trimEnd().split("\n").slice(-15).join("\n");
      throw new CoverageError(`coverage: the data could not be combined: ${why}`, output);
    }
    const { files, totals } = readJsonReport(json);
    if (options.lcov) writeReport(options.lcov, formatLcov(files));
    return {
      percent: totals.percent,
      statements: totals.statements,
      missing: totals.missing,
      branches: totals.branches,
      coveredBranches: totals.coveredBranches,
      files,
      ...options.xml ? { xml: options.xml } : {},
      ...options.lcov ? { lcov: options.lcov } : {}
    };
  } finally {
    rmSync(run2.dataDir, { recursive: true, force: true });
  }
}
async function concludeCoverage(run2, settings, options) {
  if (options.cancelled) {
    rmSync(run2.dataDir, { recursive: true, force: true });
    return {};
  }
  try {
    const summary = await finishCoverageRun(run2, {
      blender: options.blender,
      cwd: options.cwd,
      xml: settings.xml,
      lcov: settings.lcov,
      ...options.pythonPaths ? { pythonPaths: options.pythonPaths } : {},
      ...options.python ? { python: options.python } : {}
    });
    return { verdict: { summary, ...settings.failUnder !== void 0 ? { failUnder: settings.failUnder } : {} } };
  } catch (error2) {
    if (!(error2 instanceof CoverageError)) throw error2;
    return { error: error2.message };
  }
}
function formatLcov(files) {
  const out = [];
  for (const f of files) {
    out.push("TN:", `SF:${f.path}`);
    const lines = [...f.detail.executed.map((n) => [n, 1]), ...f.detail.missed.map((n) => [n, 0])].sort(
      (a, b) => a[0] - b[0]
    );
    for (const [n, hit] of lines) out.push(`DA:${n},${hit}`);
    out.push(`LF:${lines.length}`, `LH:${f.detail.executed.length}`);
    const missed = new Set(f.detail.missed);
    const arcs = [...f.detail.taken.map((a) => [a, true]), ...f.detail.notTaken.map((a) => [a, false])].sort(
      (a, b) => a[0][0] - b[0][0] || a[0][1] - b[0][1]
    );
    const index = /* @__PURE__ */ new Map();
    for (const [[from], taken] of arcs) {
      const i = index.get(from) ?? 0;
      index.set(from, i + 1);
      out.push(`BRDA:${from},0,${i},${taken ? 1 : missed.has(from) ? "-" : 0}`);
    }
    if (arcs.length) out.push(`BRF:${arcs.length}`, `BRH:${f.detail.taken.length}`);
    out.push("end_of_record");
  }
  return `${out.join("\n")}
`;
}

// src/python/packages.ts
import { createHash, randomBytes as randomBytes2 } from "node:crypto";
import { existsSync as existsSync2, mkdirSync as mkdirSync2, readFileSync as readFileSync2, realpathSync as realpathSync2, renameSync as renameSync2, rmSync as rmSync2, statSync as statSync3, writeFileSync as writeFileSync3 } from "node:fs";
import { join as join4, resolve as resolve3 } from "node:path";
var PackagesError = class extends Error {
  constructor(message, log) {
    super(message);
    this.log = log;
    this.name = "PackagesError";
  }
  log;
};
var PROBE_TIMEOUT_MS = 12e4;
var PROBE_FORMAT = 2;
function isIndexUrl(url) {
  return /^(https?|file):\/\/\S+$/.test(url);
}
function packagesRoot(cacheRoot = defaultCacheRoot()) {
  return join4(cacheRoot, "python");
}
function sha(text) {
  return createHash("sha256").update(text).digest("hex");
}
async function probeBlenderPython(blender, options = {}) {
  let identity = `${PROBE_FORMAT}\0${blender}`;
  try {
    const real = realpathSync2(blender);
    const st = statSync3(real);
    identity = `${PROBE_FORMAT}\0${real}\0${st.size}\0${st.mtimeMs}`;
  } catch {
  }
  const file = join4(packagesRoot(options.cacheRoot), "probes", `${sha(identity).slice(0, 24)}.json`);
  try {
    return JSON.parse(readFileSync2(file, "utf8"));
  } catch {
  }
  const { answer, output } = await inBlender(blender, ["probe"], { ...options, timeoutMs: PROBE_TIMEOUT_MS });
  if (!answer || typeof answer.python !== "string") {
    throw new PackagesError(`could not ask ${blender} about its Python: it printed no answer. Last lines:
${tail(output, 20)}`, output);
  }
  const probe = answer;
  mkdirSync2(join4(file, ".."), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync3(tmp, JSON.stringify(probe));
  renameSync2(tmp, file);
  return probe;
}
async function inBlender(blender, args, options) {
  try {
    return await runInBlender(blender, "python_packages.py", args, options);
  } catch (error2) {
    if (error2 instanceof InBlenderError) throw new PackagesError(`preparing Blender's Python: ${error2.message}`, error2.output);
    throw error2;
  }
}
function tail(text, lines) {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}
function requirementSetHash(specs, requirements, cwd) {
  const seen = /* @__PURE__ */ new Set();
  const files = [];
  const read = (file) => {
    const path2 = resolve3(cwd, file);
    if (seen.has(path2)) return;
    seen.add(path2);
    const text = readFileSync2(path2, "utf8");
    files.push(text);
    for (const m of text.matchAll(/^\s*(?:-r|-c|--requirement|--constraint)[\s=]+(\S+)/gm)) {
      const nested = resolve3(path2, "..", m[1] ?? "");
      if (existsSync2(nested)) read(nested);
    }
  };
  for (const r of requirements) read(r);
  return sha(JSON.stringify({ specs: [...new Set(specs)].sort(), files }));
}
function progress(log) {
  const said = /* @__PURE__ */ new Set();
  return (line) => {
    const phase = /^\s*Collecting /.test(line) ? "resolving" : /^\s*Downloading /.test(line) ? "downloading" : /^\s*Installing collected packages/.test(line) ? "installing" : void 0;
    if (phase && !said.has(phase)) {
      said.add(phase);
      log(`packages: ${phase}\u2026`);
    }
  };
}
function failure(probe, output, exitCode, root) {
  let saved = "";
  try {
    const file = join4(root, "logs", `pip-${(/* @__PURE__ */ new Date()).toISOString().replace(/[:.]/g, "-")}-${process.pid}.log`);
    mkdirSync2(join4(file, ".."), { recursive: true });
    writeFileSync3(file, output);
    saved = ` (its whole log: ${file})`;
  } catch {
  }
  const errors = output.split("\n").filter((l) => /^\s*ERROR:/.test(l)).map((l) => `  ${l.trim()}`);
  const why = errors.length ? `
${errors.slice(0, 12).join("\n")}` : "";
  return new PackagesError(
    `could not install the Python packages for Blender's Python ${probe.python} (pip exited with ${exitCode ?? "a signal"}):${why}
Check the names and versions, and the index (--python-index-url, PIP_INDEX_URL, PIP_FIND_LINKS). pip's last lines${saved}:
${tail(output, 25)}`,
    output
  );
}
async function planPackages(options) {
  const cwd = options.cwd ?? process.cwd();
  const requirements = (options.requirements ?? []).map((r) => resolve3(cwd, r));
  for (const r of requirements) if (!existsSync2(r)) throw new PackagesError(`requirements file ${r}: no such file`);
  const specs = [...options.packages ?? []].map((s) => s.trim()).filter(Boolean);
  if (!specs.length && !requirements.length && !options.pytest && !options.coverage) return {};
  const probe = await probeBlenderPython(options.blender, {
    ...options.cacheRoot ? { cacheRoot: options.cacheRoot } : {},
    env: options.env ?? process.env,
    ...options.signal ? { signal: options.signal } : {}
  });
  const asked = (name) => specs.some((s) => new RegExp(`^${name}(?![a-z0-9._-])`, "i").test(s));
  const addedPytest = options.pytest === true && !probe.pytest && !asked("pytest");
  if (addedPytest) specs.push("pytest");
  if (options.coverage === true && !probe.coverage && !asked("coverage")) specs.push("coverage");
  if (!specs.length && !requirements.length) return { probe };
  const key = `${probe.tag}-${safeSegment(probe.platform)}-${requirementSetHash(specs, requirements, cwd).slice(0, 16)}`;
  return { plan: { site: join4(packagesRoot(options.cacheRoot), key), key, specs, requirements, probe, addedPytest }, probe };
}
async function preparePackages(options) {
  const { plan, probe } = await planPackages(options);
  if (!plan) return { site: void 0, installed: false, key: void 0, specs: [], probe };
  return installPlan(plan, options);
}
async function installPlan(plan, options) {
  const { site, key, specs, probe } = plan;
  if (existsSync2(site)) return { site, installed: false, key, specs, probe };
  try {
    return await install(plan, options);
  } catch (error2) {
    if (!plan.addedPytest || !(error2 instanceof PackagesError)) throw error2;
    throw new PackagesError(
      `pytest is not installed in Blender's Python (${probe.executable}, Python ${probe.python}) and the harness could not install it. The harness runs Python test modules with pytest; install it with \`${probe.executable} -m pip install pytest\`` + (["/usr", "/usr/local"].includes(probe.prefix) ? " (a system Python: on Debian and Ubuntu, `apt-get install python3-pytest`)" : "") + `, or give pip an index it can reach (--python-index-url, PIP_INDEX_URL). Why it failed: ${error2.message}`,
      error2.log
    );
  }
}
async function install(plan, options) {
  const { site, key, specs, requirements, probe } = plan;
  if (probe.pip === null) {
    throw new PackagesError(
      `Blender's Python ${probe.python} (under ${probe.prefix}) has no pip, nor the pip wheel ensurepip carries, to install ${specs.join(", ") || "the requirements"} with. Install pip for that Python (Debian and Ubuntu: apt-get install python3-pip), or use an official Blender build, which bundles it.`
    );
  }
  const log = options.log ?? (() => void 0);
  const started = performance.now();
  log(`packages: installing ${[...specs, ...requirements.map((r) => `-r ${r}`)].join(" ")} for Python ${probe.python} into ${site}`);
  const tmp = `${site}.tmp-${process.pid}-${randomBytes2(4).toString("hex")}`;
  const request = `${tmp}.json`;
  mkdirSync2(tmp, { recursive: true });
  try {
    const args = [
      "install",
      "--target",
      tmp,
      "--no-input",
      "--disable-pip-version-check",
      "--progress-bar",
      "off",
      "--no-warn-script-location",
      ...options.indexUrl ? ["--index-url", options.indexUrl] : [],
      ...specs,
      ...requirements.flatMap((r) => ["-r", r])
    ];
    writeFileSync3(request, JSON.stringify({ args }));
    const { answer, output, exitCode } = await inBlender(options.blender, ["install", request], {
      env: options.env ?? process.env,
      cwd: options.cwd ?? process.cwd(),
      ...options.signal ? { signal: options.signal } : {},
      onLine: progress(log)
    });
    if (answer?.error === "NoPip")
      throw new PackagesError(
        `Blender's Python ${probe.python} has no pip any more: probe it again by removing ${packagesRoot(options.cacheRoot)}/probes`,
        output
      );
    if (!answer || answer.code !== 0)
      throw failure(probe, output, typeof answer?.code === "number" ? answer.code : exitCode, packagesRoot(options.cacheRoot));
    const count = /Successfully installed (.*)$/m.exec(output)?.[1]?.trim().split(/\s+/).length ?? 0;
    writeFileSync3(
      join4(tmp, ".blender-harness-packages.json"),
      JSON.stringify({ specs, requirements, python: probe.python, platform: probe.platform }, null, 2)
    );
    try {
      renameSync2(tmp, site);
    } catch (error2) {
      if (!existsSync2(site)) throw error2;
    }
    log(`packages: installed ${count} package${count === 1 ? "" : "s"} in ${((performance.now() - started) / 1e3).toFixed(1)} s`);
    return { site, installed: true, key, specs, probe };
  } finally {
    rmSync2(request, { force: true });
    rmSync2(tmp, { recursive: true, force: true });
  }
}

// src/report/summary.ts
var DEFAULT_SUMMARY_BYTES = 900 * 1024;
var MAX_ID = 300;
var MAX_MESSAGE = 600;
var MAX_LOCATION = 300;
var MAX_LEFTOVERS = 20;
function truncate(s, max) {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join("")}\u2026`;
}
function markdownCell(s, max = Number.POSITIVE_INFINITY) {
  const text = truncate(
    stripAnsi(s).replace(/\r\n?/g, "\n").trim().replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "\uFFFD"),
    max
  );
  return text.replace(/[\\`*_[\]~|$]/g, "\\$&").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\t/g, " ").replace(/\n/g, "<br>");
}
function failureRow(r) {
  const firstLines = (r.message ?? r.errorType ?? "failed").split(/\r?\n/).slice(0, 5).join("\n");
  const message = r.errorType && r.message && !r.message.startsWith(r.errorType) ? `${r.errorType}: ${firstLines}` : firstLines;
  const location = r.file ? `${r.file}${r.line !== void 0 ? `:${r.line}` : ""}` : "";
  const cells = [
    `<code>${markdownCell(r.id, MAX_ID)}</code>`,
    markdownCell(r.kind ?? "assertion"),
    markdownCell(message, MAX_MESSAGE),
    location ? `<code>${markdownCell(location, MAX_LOCATION)}</code>` : ""
  ];
  return `| ${cells.join(" | ")} |`;
}
function moreLine(n) {
  return `
\u2026 and ${n} more failure${n === 1 ? "" : "s"} (see the TAP/JUnit artifacts)
`;
}
function bytes(s) {
  return Buffer.byteLength(s, "utf8");
}
function headerSection(input) {
  const counts = reportCounts(input.results, input.cleanup);
  const ok = counts.failed === 0;
  const title = markdownCell(input.title ?? "Blender add-on tests", 200);
  const lines = [
    `## ${ok ? "\u2705" : "\u274C"} ${title}`,
    "",
    "| Passed | Failed | Skipped | Total |",
    "| ---: | ---: | ---: | ---: |",
    `| ${counts.passed} | ${counts.failed} | ${counts.skipped} | ${counts.total} |`,
    ""
  ];
  const info = [];
  if (input.blender) {
    const path2 = `<code>${markdownCell(input.blender.path, 300)}</code>`;
    info.push(["Blender", `${markdownCell(input.blender.version, 100)} (${path2})`]);
  }
  const testMs = input.results.reduce((sum, r) => sum + r.durationMs, 0);
  const timing = input.durationMs !== void 0 ? `${formatDuration(input.durationMs)} total, ` : "";
  info.push(["Duration", `${timing}${formatDuration(testMs)} in tests`]);
  if (input.cleanup) {
    const stops = markdownCell(describeStops(input.cleanup.stops));
    const verdict2 = isCleanupClean(input.cleanup) ? "\u2705 clean" : "\u274C left something running";
    info.push(["Cleanup", `${verdict2} (${stops})`]);
  }
  lines.push("| | |", "| --- | --- |", ...info.map(([k, v]) => `| ${k} | ${v} |`), "");
  if (input.cleanup && !isCleanupClean(input.cleanup)) {
    const { leftovers, portBound } = input.cleanup;
    lines.push("### Left behind after the run", "");
    for (const l of leftovers.slice(0, MAX_LEFTOVERS)) lines.push(`- ${markdownCell(describeLeftover(l), 500)}`);
    if (leftovers.length > MAX_LEFTOVERS) lines.push(`- \u2026 and ${leftovers.length - MAX_LEFTOVERS} more processes`);
    if (portBound !== null) lines.push(`- port ${portBound} still bound`);
    if (leftovers.length === 0 && portBound === null) lines.push("- the session reported an unclean stop");
    lines.push("");
  }
  lines.push(`<sub>${countsLine(counts)}</sub>`, "");
  return lines.join("\n");
}
function formatSummaryMarkdown(input) {
  const budget = input.maxBytes ?? DEFAULT_SUMMARY_BYTES;
  const failures = withCleanup(input.results, input.cleanup).filter((r) => r.outcome === "failed");
  let out = headerSection(input) + (input.coverage ? coverageMarkdown(input.coverage) : "");
  if (failures.length === 0) return out;
  const tableHead = `
### Failures

| Test | Kind | Message | Location |
| --- | --- | --- | --- |
`;
  const reserve = bytes(moreLine(failures.length));
  let used = bytes(out) + bytes(tableHead);
  const rows = [];
  for (const r of failures) {
    const row = `${failureRow(r)}
`;
    const size = bytes(row);
    if (used + size + reserve > budget) break;
    rows.push(row);
    used += size;
  }
  if (rows.length > 0) out += tableHead + rows.join("");
  if (rows.length < failures.length) out += moreLine(failures.length - rows.length);
  return out;
}

// src/report/coverage.ts
function formatPercent(p) {
  let shown = Math.round(p * 10) / 10;
  if (shown === 100 && p < 100) shown = 99.9;
  if (shown === 0 && p > 0) shown = 0.1;
  return `${shown.toFixed(1).replace(/\.0$/, "")}%`;
}
function coverageHeadline({ summary, failUnder }) {
  const branches = summary.branches ? ` and ${summary.branches} branches` : "";
  const under = failUnder === void 0 ? "" : summary.percent < failUnder ? `, under the required ${failUnder}%` : `, required ${failUnder}%`;
  return `coverage: ${formatPercent(summary.percent)} of ${summary.statements} statements${branches}${under}`;
}
function isCoverageFailing({ summary, failUnder }) {
  return failUnder !== void 0 && summary.percent < failUnder;
}
function formatCoverageTable(verdict2) {
  const { summary } = verdict2;
  const head = ["Name", "Stmts", "Miss", "Branch", "BrPart", "Cover", "Missing"];
  const rows = summary.files.map((f) => [
    f.path,
    `${f.statements}`,
    `${f.missing}`,
    `${f.branches}`,
    `${f.partialBranches}`,
    formatPercent(f.percent),
    f.missingLines
  ]);
  const total = ["TOTAL", `${summary.statements}`, `${summary.missing}`, `${summary.branches}`, "", formatPercent(summary.percent), ""];
  const widths = head.map((h, i) => Math.max(h.length, ...[...rows, total].map((r) => (r[i] ?? "").length)));
  const line = (cells) => cells.map((c, i) => i === 0 || i === cells.length - 1 ? c.padEnd(i === 0 ? widths[0] ?? 0 : 0) : c.padStart(widths[i] ?? 0)).join("  ").trimEnd();
  const rule = "-".repeat(line(head).length);
  return [coverageHeadline(verdict2), `  ${line(head)}`, `  ${rule}`, ...rows.map((r) => `  ${line(r)}`), `  ${rule}`, `  ${line(total)}`];
}
function coverageMarkdown(verdict2, maxFiles = 200) {
  const { summary } = verdict2;
  const files = [...summary.files].sort((a, b) => a.percent - b.percent || a.path.localeCompare(b.path));
  const shown = files.slice(0, maxFiles);
  const rows = shown.map(
    (f) => `| ${markdownCell(f.path, 300)} | ${f.statements} | ${f.missing} | ${f.branches} | ${f.partialBranches} | ${formatPercent(f.percent)} | ${markdownCell(f.missingLines, 300)} |`
  );
  return [
    "",
    "### Coverage",
    "",
    `${isCoverageFailing(verdict2) ? "\u274C" : "\u2705"} ${markdownCell(coverageHeadline(verdict2).replace(/^coverage: /, ""))}`,
    "",
    "| File | Stmts | Miss | Branch | BrPart | Cover | Missing |",
    "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ...rows,
    ...files.length > shown.length ? [`| \u2026 ${files.length - shown.length} more files | | | | | | |`] : [],
    `| **Total** | ${summary.statements} | ${summary.missing} | ${summary.branches} | | **${formatPercent(summary.percent)}** | |`,
    ""
  ].join("\n");
}

// src/report/console.ts
var CLEANUP_SUITE = "cleanup";
var CLEANUP_NAME = "nothing left running";
function formatDuration(ms) {
  if (!Number.isFinite(ms) || ms < 0) return "? ms";
  if (Math.round(ms) < 1e3) return `${Math.round(ms)} ms`;
  if (Math.round(ms / 100) < 600) return `${(ms / 1e3).toFixed(1)} s`;
  const seconds3 = Math.round(ms / 1e3);
  return `${Math.floor(seconds3 / 60)} min ${seconds3 % 60} s`;
}
function isCleanupClean(cleanup) {
  return cleanup.clean && cleanup.leftovers.length === 0 && cleanup.portBound === null;
}
function describeStop(stop) {
  if (stop.stoppedBy === "exited") {
    const how = stop.signal ? `by ${stop.signal}` : `with code ${stop.exitCode ?? "?"}`;
    return `Blender had already exited (${how})`;
  }
  return `Blender stopped by ${stop.stoppedBy} in ${formatDuration(stop.stopMs)}`;
}
function describeStops(stops) {
  const [only, ...rest] = stops;
  if (only === void 0) return "no Blender was left to stop";
  if (rest.length === 0) return describeStop(only);
  const byWay = /* @__PURE__ */ new Map();
  for (const s of stops) byWay.set(s.stoppedBy, (byWay.get(s.stoppedBy) ?? 0) + 1);
  const ways = [...byWay].map(([way, n]) => way === "exited" ? `${n} already exited` : `${n} by ${way}`);
  const slowest = Math.max(...stops.map((s) => s.stopMs));
  return `Blender stopped ${stops.length} times: ${ways.join(", ")}; slowest ${formatDuration(slowest)}`;
}
var FOUND_WORDING = {
  group: "in Blender's process group",
  tag: "by the session tag",
  zombie: "as a zombie",
  port: "holding the port",
  pipe: "holding an output pipe of the session or command",
  tree: "in the session's process tree"
};
function describeLeftover(l) {
  const fate = l.killed ? "killed" : "NOT killed";
  return `pid ${l.pid} ${FOUND_WORDING[l.found]} (${fate}): ${singleLine(l.command)}`;
}
function processes(n) {
  return `${n} ${n === 1 ? "process" : "processes"}`;
}
function leftoverHeadline(cleanup) {
  const parts = [];
  if (cleanup.leftovers.length > 0) parts.push(`${processes(cleanup.leftovers.length)} left behind`);
  if (cleanup.portBound !== null) parts.push(`port ${cleanup.portBound} still bound`);
  if (parts.length === 0) parts.push("the session reported an unclean stop");
  return parts.join(", ");
}
function cleanupAsResult(cleanup) {
  const stops = describeStops(cleanup.stops);
  const durationMs = cleanup.stops.reduce((sum, s) => sum + s.stopMs, 0);
  const base = {
    id: `${CLEANUP_SUITE}: ${CLEANUP_NAME}`,
    suite: CLEANUP_SUITE,
    name: CLEANUP_NAME,
    durationMs,
    stdout: stops
  };
  if (isCleanupClean(cleanup)) return { ...base, outcome: "passed" };
  const details = cleanup.leftovers.map(describeLeftover);
  if (cleanup.portBound !== null) details.push(`port ${cleanup.portBound} still bound after stop`);
  const failed = {
    ...base,
    outcome: "failed",
    kind: "leak",
    errorType: "Leftovers",
    message: leftoverHeadline(cleanup)
  };
  if (details.length > 0) failed.traceback = details.join("\n");
  return failed;
}
function withCleanup(results, cleanup) {
  return cleanup ? [...results, cleanupAsResult(cleanup)] : [...results];
}
function reportCounts(results, cleanup) {
  const all = withCleanup(results, cleanup);
  const counts = { total: all.length, passed: 0, failed: 0, skipped: 0 };
  for (const r of all) counts[r.outcome] += 1;
  return counts;
}
function countsLine(counts) {
  return `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
}
var ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
function stripAnsi(s) {
  return s.replace(ANSI, "");
}
var CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
function singleLine(s) {
  return stripAnsi(s).replace(/\s*[\r\n]+\s*/g, " ").replace(CONTROL, "\uFFFD");
}
function multiLine(s) {
  return stripAnsi(s).replace(/\r\n?/g, "\n").replace(/\n+$/, "").split("\n").map((l) => l.replace(CONTROL, "\uFFFD"));
}
var TRACEBACK_TAIL = 40;
var OUTPUT_TAIL = 20;
var SGR = { green: "32", red: "31", yellow: "33", dim: "2", bold: "1" };
function formatCleanup(cleanup, paint = (_, s) => s) {
  const stops = describeStops(cleanup.stops);
  if (isCleanupClean(cleanup)) return `cleanup: ${paint("green", "clean")} (${stops})`;
  const head = `cleanup: ${paint("red", `FAILED, ${leftoverHeadline(cleanup)}`)} (${stops})`;
  return [head, ...cleanup.leftovers.map((l) => `  ${describeLeftover(l)}`)].join("\n");
}
function createConsoleReporter(write, options = {}) {
  const color = options.color === true;
  const verbose = options.verbose === true;
  const paint = (style, s) => color ? `\x1B[${SGR[style]}m${s}\x1B[0m` : s;
  const out = (lines) => {
    if (lines.length > 0) write(lines.map((l) => `${l}
`).join(""));
  };
  const mark = (r) => {
    if (r.outcome === "passed") return paint("green", color ? "\u2714" : "ok  ");
    if (r.xfail !== void 0) return paint("yellow", color ? "\xD7" : "xfail");
    if (r.outcome === "failed") return paint("red", color ? "\u2716" : "FAIL");
    return paint("yellow", color ? "-" : "skip");
  };
  const resultLine = (r) => {
    const name = singleLine(r.id);
    if (r.outcome === "skipped") {
      const why = r.skipReason ? `skipped: ${singleLine(r.skipReason)}` : "skipped";
      return `${mark(r)} ${name} ${paint("dim", `(${why})`)}`;
    }
    const time = paint("dim", `(${formatDuration(r.durationMs)})`);
    const kind = r.outcome === "failed" && r.kind && r.kind !== "assertion" ? ` ${paint("red", `[${r.kind}]`)}` : "";
    return `${mark(r)} ${name} ${time}${kind}`;
  };
  const indented = (text, pad) => multiLine(text).map((l) => `${pad}${l}`);
  const digestEntry = (r, n) => {
    const lines = [`${paint("bold", `${n}) ${singleLine(r.id)}`)} ${paint("red", `[${r.kind ?? "failed"}]`)}`];
    const message = r.message ?? r.errorType ?? "failed";
    const typed = r.errorType && r.message && !r.message.startsWith(r.errorType) ? `${r.errorType}: ${message}` : message;
    lines.push(...indented(typed, "   "));
    if (r.file) lines.push(paint("dim", `   at ${singleLine(r.file)}${r.line !== void 0 ? `:${r.line}` : ""}`));
    if (r.traceback) {
      const tb = multiLine(r.traceback);
      const shown = verbose ? tb : tb.slice(-TRACEBACK_TAIL);
      if (shown.length < tb.length) lines.push(paint("dim", `     \u2026 ${tb.length - shown.length} more traceback lines`));
      lines.push(...shown.map((l) => paint("dim", `     ${l}`)));
    }
    for (const [label, text] of [
      ["stdout", r.stdout],
      ["stderr", r.stderr],
      ["log", r.log]
    ]) {
      if (!text) continue;
      const all = multiLine(text.trimEnd());
      const shown = verbose ? all : all.slice(-OUTPUT_TAIL);
      lines.push(
        `   ${label}${shown.length < all.length ? ` (last ${shown.length} of ${all.length} lines)` : ""}:`,
        ...shown.map((l) => `     ${l}`)
      );
    }
    return lines;
  };
  const cleanupLines = (cleanup) => formatCleanup(cleanup, paint).split("\n");
  return {
    onResult(r) {
      const lines = [resultLine(r)];
      if (verbose && r.outcome === "failed" && r.message) lines.push(...indented(r.message, "    "));
      out(lines);
    },
    finish(results, cleanup, options2 = {}) {
      const lines = [];
      if (options2.cancelled) lines.push("", paint("yellow", "cancelled: the run was stopped; tests that had not finished are not listed"));
      const failures = results.filter((r) => r.outcome === "failed");
      if (failures.length > 0) {
        lines.push("", paint("red", `Failures (${failures.length}):`));
        failures.forEach((r, i) => lines.push("", ...digestEntry(r, i + 1)));
      }
      lines.push("");
      if (cleanup) lines.push(...cleanupLines(cleanup));
      if (options2.coverage) {
        const [headline = "", ...table] = formatCoverageTable(options2.coverage);
        lines.push(paint(isCoverageFailing(options2.coverage) ? "red" : "bold", headline), ...table, "");
      }
      lines.push(countsLine(reportCounts(results, cleanup)));
      out(lines);
    }
  };
}

// src/report/progress.ts
function formatBytes(n) {
  const [unit, power, digits] = n < 1024 ? ["B", 0, 0] : n < 1024 ** 2 ? ["KB", 1, 1] : n < 1024 ** 3 ? ["MB", 2, 1] : ["GB", 3, 2];
  return `${(n / 1024 ** power).toFixed(digits)} ${unit}`;
}
function formatRate(bytesPerSecond) {
  return `${(bytesPerSecond / 1024 ** 2).toFixed(1)} MB/s`;
}
function formatSeconds(seconds3) {
  if (!Number.isFinite(seconds3) || seconds3 < 0) return "?";
  if (seconds3 < 60) return `${Math.round(seconds3)}s`;
  const m = Math.floor(seconds3 / 60);
  return `${m}m${String(Math.round(seconds3 - m * 60)).padStart(2, "0")}s`;
}
function rateOf(s) {
  return s.elapsedMs > 0 ? s.fresh * 1e3 / s.elapsedMs : 0;
}
function progressLine(s) {
  const rate = formatRate(rateOf(s));
  if (s.total && s.total > 0) {
    const pct = Math.min(100, Math.floor(s.received * 100 / s.total));
    return `Downloading ${s.label}: ${pct}% (${formatBytes(s.received)} of ${formatBytes(s.total)}) at ${rate}`;
  }
  return `Downloading ${s.label}: ${formatBytes(s.received)} at ${rate}`;
}
function progressBar(s, width = 80) {
  const rate = rateOf(s);
  if (!s.total || s.total <= 0) {
    return `${s.label}  ${formatBytes(s.received)}  ${formatRate(rate)}`.slice(0, width);
  }
  const frac = Math.min(1, s.received / s.total);
  const eta = rate > 0 ? (s.total - s.received) / rate : Number.NaN;
  const parts = [
    `${String(Math.floor(frac * 100)).padStart(3)}%`,
    `${formatBytes(s.received)}/${formatBytes(s.total)}`,
    formatRate(rate),
    `ETA ${formatSeconds(eta)}`
  ];
  let tail2 = parts.join("  ");
  while (parts.length > 2 && tail2.length + 13 > width) {
    parts.pop();
    tail2 = parts.join("  ");
  }
  const barWidth = Math.max(10, Math.min(40, width - tail2.length - 3));
  const filled = Math.round(frac * barWidth);
  return `[${"#".repeat(filled)}${"-".repeat(barWidth - filled)}] ${tail2}`.slice(0, width);
}
function createProgress(options) {
  const now = options.now ?? (() => performance.now());
  const mode = options.mode ?? (options.out.isTTY ? "bar" : "lines");
  const lineInterval = options.lineIntervalMs ?? 5e3;
  const barInterval = options.barIntervalMs ?? 100;
  const log = options.log ?? ((line) => options.out.write(`${line}
`));
  let state = { label: "", received: 0, total: void 0, elapsedMs: 0, fresh: 0 };
  let startedAt = 0;
  let base = 0;
  let lastDraw = 0;
  let drawn = false;
  const snapshot = (received) => ({
    ...state,
    received,
    elapsedMs: now() - startedAt,
    fresh: received - base
  });
  const draw = () => {
    const width = Math.max(40, (options.out.columns ?? 80) - 1);
    options.out.write(`\r${progressBar(state, width)}\x1B[K`);
    drawn = true;
  };
  return {
    start(label, totalBytes) {
      startedAt = now();
      base = 0;
      lastDraw = startedAt;
      state = { label, received: 0, total: totalBytes, elapsedMs: 0, fresh: 0 };
      if (mode === "lines") log(progressLine(state).replace(/ at [\d.]+ MB\/s$/, ""));
      else draw();
    },
    update(received) {
      state = snapshot(received);
      const t2 = now();
      if (mode === "bar") {
        if (t2 - lastDraw >= barInterval) {
          lastDraw = t2;
          draw();
        }
      } else if (t2 - lastDraw >= lineInterval) {
        lastDraw = t2;
        log(progressLine(state));
      }
    },
    restart(received, note) {
      if (mode === "bar" && drawn) options.out.write("\r\x1B[K");
      drawn = false;
      log(note);
      startedAt = now();
      base = received;
      lastDraw = startedAt;
      state = snapshot(received);
    },
    finish(ok) {
      if (mode === "bar") {
        if (ok) draw();
        if (drawn) options.out.write("\n");
        drawn = false;
      } else if (ok) {
        log(`${progressLine(state)} - done`);
      }
    }
  };
}

// src/report/tap.ts
var import_yaml = __toESM(require_dist(), 1);
function escapeTapText(s) {
  const escaped = singleLine(s).trim().replace(/\\/g, "\\\\").replace(/#/g, "\\#");
  return escaped.endsWith("{") ? `${escaped}\u200B` : escaped;
}
function normalizeNewlines(s) {
  return s.replace(/\r\n?/g, "\n");
}
function failureDiag(r) {
  const diag = {};
  if (r.message !== void 0) diag.message = r.message;
  if (r.errorType !== void 0) diag.errorType = r.errorType;
  diag.kind = r.kind ?? "assertion";
  if (r.file !== void 0) diag.file = r.file;
  if (r.line !== void 0) diag.line = r.line;
  diag.duration_ms = Math.round(r.durationMs * 1e3) / 1e3;
  if (r.traceback !== void 0) diag.traceback = normalizeNewlines(r.traceback);
  if (r.stdout) diag.stdout = normalizeNewlines(r.stdout);
  if (r.stderr) diag.stderr = normalizeNewlines(r.stderr);
  if (r.log) diag.log = normalizeNewlines(r.log);
  return diag;
}
function cleanupDiag(cleanup, r) {
  const diag = { message: r.message, kind: "leak" };
  diag.leftovers = cleanup.leftovers.map((l) => ({ pid: l.pid, command: l.command, found: l.found, killed: l.killed }));
  if (cleanup.portBound !== null) diag.port_bound = cleanup.portBound;
  diag.stopped = describeStops(cleanup.stops);
  diag.duration_ms = Math.round(r.durationMs * 1e3) / 1e3;
  return diag;
}
function yamlBlock(diag) {
  const doc = new import_yaml.Document(diag);
  const traceback = doc.get("traceback", true);
  if (traceback instanceof import_yaml.Scalar) traceback.type = import_yaml.Scalar.BLOCK_LITERAL;
  const body = doc.toString({ lineWidth: 0, blockQuote: "literal" }).replace(/\n$/, "");
  const lines = body.split("\n").map((l) => `  ${l}`);
  return ["  ---", ...lines, "  ..."].join("\n");
}
function testPoint(n, r, diag) {
  const head = `${r.outcome === "failed" ? "not ok" : "ok"} ${n} - ${escapeTapText(r.id)}`;
  if (r.xfail !== void 0) {
    return `not ok ${n} - ${escapeTapText(r.id)} # TODO${r.xfail ? ` ${escapeTapText(r.xfail)}` : " expected failure"}`;
  }
  if (r.outcome === "skipped") {
    const reason = r.skipReason ? ` ${escapeTapText(r.skipReason)}` : "";
    return `${head} # SKIP${reason}`;
  }
  return diag ? `${head}
${yamlBlock(diag)}` : head;
}
function formatTap(results, cleanup, options = {}) {
  const points = results.map((r, i) => testPoint(i + 1, r, r.outcome === "failed" ? failureDiag(r) : void 0));
  if (cleanup) {
    const r = cleanupAsResult(cleanup);
    points.push(testPoint(points.length + 1, r, isCleanupClean(cleanup) ? void 0 : cleanupDiag(cleanup, r)));
  }
  const plan = points.length === 0 ? "1..0 # no tests ran" : `1..${points.length}`;
  const lines = ["TAP version 14", plan, ...points];
  if (options.bailOut !== void 0) lines.push(`Bail out! ${escapeTapText(options.bailOut)}`.trimEnd());
  return `${lines.join("\n")}
`;
}

// src/report/junit.ts
import { hostname as osHostname } from "node:os";
var ERROR_KINDS = /* @__PURE__ */ new Set(["error", "crash", "timeout", "import", "setup"]);
function junitElementFor(kind) {
  return kind !== void 0 && ERROR_KINDS.has(kind) ? "error" : "failure";
}
function xmlSafe(s) {
  return stripAnsi(s).replace(
    /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu,
    (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`
  );
}
function xmlText(s) {
  return xmlSafe(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
}
function xmlAttr(s) {
  return xmlText(s).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
}
function attrs(pairs) {
  return pairs.filter((p) => p[1] !== void 0).map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`).join("");
}
function seconds(ms) {
  return (Math.max(0, Number.isFinite(ms) ? ms : 0) / 1e3).toFixed(3);
}
function junitClassname(suite) {
  if (suite.startsWith("run:")) return suite;
  return suite.replace(/\\/g, "/").replace(/^\.\//, "").replace(/\.(py|ya?ml|json)$/i, "").split("/").filter((part) => part !== "").join(".");
}
function tally(results) {
  const t2 = { tests: 0, failures: 0, errors: 0, skipped: 0, ms: 0 };
  for (const r of results) {
    t2.tests += 1;
    t2.ms += r.durationMs;
    if (r.outcome === "skipped") t2.skipped += 1;
    else if (r.outcome === "failed") t2[junitElementFor(r.kind) === "error" ? "errors" : "failures"] += 1;
  }
  return t2;
}
function tallyAttrs(t2) {
  return [
    ["tests", t2.tests],
    ["failures", t2.failures],
    ["errors", t2.errors],
    ["skipped", t2.skipped],
    ["time", seconds(t2.ms)]
  ];
}
function testcase(r) {
  const file = r.file ?? (r.suite.startsWith("run:") || r.suite === CLEANUP_SUITE ? void 0 : r.suite);
  const open = `    <testcase${attrs([
    ["name", r.name],
    ["classname", junitClassname(r.suite)],
    ["file", file],
    ["line", r.line],
    ["time", seconds(r.durationMs)]
  ])}`;
  const children = [];
  if (r.outcome === "skipped") {
    const skipped = r.xfail !== void 0 ? [
      ["type", "pytest.xfail"],
      ["message", r.xfail ? `xfail: ${r.xfail}` : "expected failure"]
    ] : [["message", r.skipReason]];
    children.push(`      <skipped${attrs([...skipped])}/>`);
  } else if (r.outcome === "failed") {
    const element = junitElementFor(r.kind);
    const body = r.traceback ?? r.message ?? "";
    const head = `      <${element}${attrs([
      ["message", r.message ?? `failed (${r.kind ?? "assertion"})`],
      ["type", r.errorType ?? r.kind ?? "assertion"]
    ])}`;
    children.push(body === "" ? `${head}/>` : `${head}>${xmlText(body)}</${element}>`);
  }
  if (r.stdout) children.push(`      <system-out>${xmlText(r.stdout)}</system-out>`);
  const err = [r.stderr, r.log ? `--- captured log ---
${r.log}` : void 0].filter(Boolean).join("\n");
  if (err) children.push(`      <system-err>${xmlText(err)}</system-err>`);
  return children.length === 0 ? `${open}/>` : `${open}>
${children.join("\n")}
    </testcase>`;
}
function junitTimestamp(d) {
  return d.toISOString().slice(0, 19);
}
function formatJunit(results, cleanup, options = {}) {
  const all = withCleanup(results, cleanup);
  const bySuite = /* @__PURE__ */ new Map();
  for (const r of all) {
    const list = bySuite.get(r.suite);
    if (list) list.push(r);
    else bySuite.set(r.suite, [r]);
  }
  const timestamp2 = junitTimestamp(options.timestamp ?? /* @__PURE__ */ new Date());
  const host = options.hostname ?? osHostname();
  const suites = [...bySuite].map(([suite, cases], id) => {
    const open = `  <testsuite${attrs([
      ["name", suite],
      ...tallyAttrs(tally(cases)),
      ["timestamp", timestamp2],
      ["hostname", host],
      ["id", id]
    ])}>`;
    return [open, ...cases.map(testcase), "  </testsuite>"].join("\n");
  });
  const root = `<testsuites${attrs([["name", options.name ?? "blender-harness"], ...tallyAttrs(tally(all))])}`;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  if (suites.length === 0) lines.push(`${root}/>`);
  else lines.push(`${root}>`, ...suites, "</testsuites>");
  return `${lines.join("\n")}
`;
}

// src/report/annotations.ts
import path from "node:path";
var DEFAULT_MAX_ANNOTATIONS = 10;
var MAX_MESSAGE2 = 2e3;
function pathFor(workspace) {
  return /^[A-Za-z]:[\\/]|^\\\\/.test(workspace) ? path.win32 : path.posix;
}
function relativeToWorkspace(file, workspace) {
  const p = pathFor(workspace);
  const rel = p.relative(p.resolve(workspace), p.resolve(workspace, file));
  if (rel === "" || rel === ".." || rel.startsWith(`..${p.sep}`) || p.isAbsolute(rel)) return void 0;
  return rel.split(p.sep).join("/");
}
function truncate2(s, max) {
  const chars = Array.from(s);
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join("")}\u2026`;
}
function annotationFor(r, workspace) {
  const kind = r.kind ?? "assertion";
  const text = r.message ?? `failed (${kind})`;
  const typed = r.errorType && r.message && !r.message.startsWith(r.errorType) ? `${r.errorType}: ${text}` : text;
  const message = stripAnsi(typed).trim();
  const a = {
    title: kind === "assertion" ? `${r.id} failed` : `${r.id} failed (${kind})`,
    message: truncate2(message, MAX_MESSAGE2)
  };
  const file = r.file === void 0 ? void 0 : relativeToWorkspace(r.file, workspace);
  if (file !== void 0) {
    a.file = file;
    if (r.line !== void 0 && Number.isInteger(r.line) && r.line > 0) a.startLine = r.line;
  }
  return a;
}
function selectAnnotations(results, options) {
  const max = Math.max(1, Math.floor(options.max ?? DEFAULT_MAX_ANNOTATIONS));
  const failed = results.filter((r) => r.outcome === "failed");
  if (options.cleanup && !isCleanupClean(options.cleanup)) failed.unshift(cleanupAsResult(options.cleanup));
  const all = failed.map((r) => annotationFor(r, options.workspace));
  if (all.length <= max) return all;
  const shown = all.slice(0, max - 1);
  const more = all.length - shown.length;
  return [
    ...shown,
    {
      title: `${more} more failure${more === 1 ? "" : "s"}`,
      message: `${more} more failed test${more === 1 ? " is" : "s are"} listed in the job summary.`
    }
  ];
}

// src/suite/discover.ts
import { readdirSync, statSync as statSync4 } from "node:fs";
import { basename as basename2, join as join5, resolve as resolve4 } from "node:path";
var SKIP_DIRS = /* @__PURE__ */ new Set(["node_modules", ".git", "__pycache__", ".venv", "venv", "dist", "build"]);
function suiteKind(file) {
  const name = basename2(file);
  if (/\.(ya?ml|json)$/i.test(name)) return "script";
  if (/^test_.*\.py$/.test(name) || /^.+_test\.py$/.test(name)) return "python";
  return void 0;
}
function nodeIdFile(given) {
  const at = given.indexOf("::");
  return at < 0 ? given : given.slice(0, at);
}
var DiscoveryError = class extends Error {
};
function discoverSuites(paths, cwd = process.cwd()) {
  const found = /* @__PURE__ */ new Map();
  const python = { args: [], required: false, any: false, files: [], unittestNamed: [] };
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith(".") && entry.isDirectory()) continue;
      const full = join5(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(full);
      } else if (entry.name.endsWith(".py")) {
        python.any = true;
        if (suiteKind(full) === "python") {
          python.required = true;
          python.files.push(full);
        } else if (/^test.*\.py$/.test(entry.name)) python.unittestNamed.push(full);
      } else if (suiteKind(full) === "script" && !found.has(full)) {
        found.set(full, { kind: "script", path: full, explicit: false });
      }
    }
  };
  for (const given of paths) {
    const file = nodeIdFile(given);
    const path2 = resolve4(cwd, file);
    let isDir;
    try {
      isDir = statSync4(path2).isDirectory();
    } catch {
      throw new DiscoveryError(`${file}: no such file or folder`);
    }
    if (isDir) {
      if (file !== given) throw new DiscoveryError(`${given}: a node id names a test in a .py file, not in a folder`);
      const before = python.any;
      python.any = false;
      walk(path2);
      if (python.any) python.args.push(given);
      python.any ||= before;
      continue;
    }
    if (path2.endsWith(".py")) {
      python.args.push(given);
      python.any = python.required = true;
      if (!python.files.includes(path2)) python.files.push(path2);
      continue;
    }
    if (file !== given || suiteKind(path2) !== "script") {
      throw new DiscoveryError(
        `${given} is not a suite: expected a command script (.yaml, .yml, .json), a Python test module (.py), a pytest node id (tests/test_x.py::test_y) or a folder`
      );
    }
    found.set(path2, { kind: "script", path: path2, explicit: true });
  }
  return { scripts: [...found.values()], python };
}

// src/suite/run.ts
import { readFileSync as readFileSync4 } from "node:fs";
import { isAbsolute, relative, resolve as resolve5, sep } from "node:path";

// src/suite/plan.ts
function testName(nodeid) {
  const at = nodeid.indexOf("::");
  return at < 0 ? nodeid : nodeid.slice(at + 2);
}
function pythonUnits(items, suiteOf) {
  const units = [];
  let last;
  for (const item of items) {
    const suite = suiteOf(item);
    const before = last?.items.at(-1);
    if (last && (item.keep_scene && before?.file === item.file || item.scope && before?.scope === item.scope)) {
      last.items.push(item);
      continue;
    }
    last = { kind: "python", id: item.nodeid, suite, items: [item] };
    units.push(last);
  }
  return units;
}
function parseShard(text) {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) {
    throw new Error(`--shard takes I/N with 1 <= I <= N (e.g. 1/3), not ${JSON.stringify(text)}`);
  }
  return { index, count };
}
function shardUnits(units, shard) {
  if (!shard || shard.count === 1) return [...units];
  const order = [...units].sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const chosen = new Set(order.filter((_, i) => i % shard.count === shard.index - 1));
  return units.filter((u) => chosen.has(u));
}

// src/suite/limits.ts
import { availableParallelism, totalmem } from "node:os";
var MAX_TIMER_SECONDS = Math.floor((2 ** 31 - 1) / 1e3);
var BLENDER_MEMORY = 512 * 2 ** 20;
var WORKER_CEILING = 64;
function maxWorkers(cpus = availableParallelism(), memory = totalmem()) {
  return Math.max(1, Math.min(WORKER_CEILING, cpus * 2, Math.floor(memory / BLENDER_MEMORY)));
}
function capWorkers(requested, max = maxWorkers()) {
  if (requested <= max) return { workers: requested };
  return {
    workers: max,
    warning: `${requested} is more Blenders than this machine can run at once; using ${max} (two per CPU, about 512 MiB of memory each, at most ${WORKER_CEILING})`
  };
}

// src/suite/script.ts
var import_yaml2 = __toESM(require_dist(), 1);
import { readFileSync as readFileSync3, statSync as statSync5 } from "node:fs";
var ScriptError = class extends Error {
  constructor(file, where, detail, line) {
    super(`${file}${line ? `:${line}` : ""}: ${where ? `${where}: ` : ""}${detail}`);
    this.file = file;
    this.where = where;
    this.detail = detail;
    this.line = line;
    this.name = "ScriptError";
  }
  file;
  where;
  detail;
  line;
};
var TOP_KEYS = ["tests", "name", "timeout", "reset"];
var STEP_KEYS = ["name", "send", "exec", "expect", "timeout", "skip"];
var EXPECT_KEYS = ["result", "stdout", "error"];
var ERROR_KEYS = ["type", "message"];
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function unknownKey(value, known) {
  return Object.keys(value).find((k) => !known.includes(k));
}
function seconds2(file, where, value) {
  if (value === void 0) return void 0;
  if (typeof value !== "number" || !(value > 0))
    throw new ScriptError(file, where, `"timeout" must be a number of seconds > 0, not ${JSON.stringify(value)}`);
  if (value > MAX_TIMER_SECONDS)
    throw new ScriptError(file, where, `"timeout" may be at most ${MAX_TIMER_SECONDS} seconds (about 24 days), not ${value}`);
  return value * 1e3;
}
function regex(file, where, key, value) {
  if (typeof value !== "string") throw new ScriptError(file, where, `"${key}" must be a regular expression string`);
  try {
    return new RegExp(value, "m");
  } catch (error2) {
    throw new ScriptError(file, where, `"${key}" is not a valid regular expression: ${error2.message}`);
  }
}
function parseExpect(file, where, value) {
  if (value === void 0 || value === null) return {};
  if (!isRecord(value)) throw new ScriptError(file, where, '"expect" must be a mapping with any of: result, stdout, error');
  const extra = unknownKey(value, EXPECT_KEYS);
  if (extra) throw new ScriptError(file, where, `unknown key "expect.${extra}"; known: ${EXPECT_KEYS.join(", ")}`);
  const expect = {};
  if ("result" in value) expect.result = { value: value.result };
  if (value.stdout !== void 0) expect.stdout = regex(file, where, "expect.stdout", value.stdout);
  if (value.error !== void 0) {
    if (typeof value.error === "string") expect.error = { type: value.error };
    else if (isRecord(value.error)) {
      const bad = unknownKey(value.error, ERROR_KEYS);
      if (bad) throw new ScriptError(file, where, `unknown key "expect.error.${bad}"; known: ${ERROR_KEYS.join(", ")}`);
      expect.error = {
        ...typeof value.error.type === "string" ? { type: value.error.type } : {},
        ...value.error.message !== void 0 ? { message: regex(file, where, "expect.error.message", value.error.message) } : {}
      };
    } else throw new ScriptError(file, where, '"expect.error" must be an exception type name or {type, message}');
  }
  return expect;
}
function describeRequest(request) {
  if (request.type === "exec" && typeof request.code === "string") {
    const first = request.code.trim().split("\n")[0] ?? "";
    return `exec ${first.length > 50 ? `${first.slice(0, 47)}...` : first}`;
  }
  return typeof request.type === "string" ? request.type : "request";
}
function parseStep(file, raw, index) {
  let where = `step ${index + 1}`;
  if (!isRecord(raw)) throw new ScriptError(file, where, 'a step must be a mapping with "send" or "exec"');
  if (typeof raw.name === "string") where += ` (${raw.name})`;
  const extra = unknownKey(raw, STEP_KEYS);
  if (extra) throw new ScriptError(file, where, `unknown key "${extra}"; known: ${STEP_KEYS.join(", ")}`);
  if (raw.send === void 0 === (raw.exec === void 0)) {
    throw new ScriptError(file, where, 'needs exactly one of "send" (a request) or "exec" (Python code)');
  }
  let request;
  if (raw.exec !== void 0) {
    if (typeof raw.exec !== "string") throw new ScriptError(file, where, '"exec" must be a string of Python code');
    request = { type: "exec", code: raw.exec };
  } else {
    if (!isRecord(raw.send) || typeof raw.send.type !== "string") {
      throw new ScriptError(file, where, '"send" must be a request mapping with a "type", e.g. {type: ping}');
    }
    request = { ...raw.send };
    delete request.id;
    delete request.token;
  }
  if (raw.skip !== void 0 && typeof raw.skip !== "string" && raw.skip !== true) {
    throw new ScriptError(file, where, '"skip" must be a reason (a string)');
  }
  if (raw.name !== void 0 && typeof raw.name !== "string") throw new ScriptError(file, where, '"name" must be a string');
  const timeoutMs = seconds2(file, where, raw.timeout);
  return {
    index,
    name: typeof raw.name === "string" ? raw.name : `step ${index + 1}: ${describeRequest(request)}`,
    request,
    expect: parseExpect(file, where, raw.expect),
    ...timeoutMs !== void 0 ? { timeoutMs } : {},
    ...raw.skip !== void 0 ? { skip: raw.skip === true ? "skipped" : String(raw.skip) } : {}
  };
}
var MAX_SCRIPT_BYTES = 4 * 1024 * 1024;
var MAX_SCRIPT_DEPTH = 64;
var MAX_SCRIPT_ALIASES = 100;
var lineAt = (text, offset) => {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) line += 1;
  return line;
};
function checkDepth(text, label) {
  const parser = new import_yaml2.Parser();
  const limit = MAX_SCRIPT_DEPTH + 2;
  for (const lexeme of new import_yaml2.Lexer().lex(text)) {
    for (const _ of parser.next(lexeme)) ;
    if (parser.stack.length > limit) {
      throw new ScriptError(
        label,
        "",
        `not valid YAML/JSON: nested more than ${MAX_SCRIPT_DEPTH} levels deep`,
        lineAt(text, parser.offset)
      );
    }
  }
}
function readScriptFile(path2, label = path2, explicit = true) {
  try {
    const size = statSync5(path2).size;
    if (size > MAX_SCRIPT_BYTES) {
      if (!explicit) return void 0;
      throw new ScriptError(
        label,
        "",
        `is ${(size / 2 ** 20).toFixed(1)} MiB; a command script may be at most ${MAX_SCRIPT_BYTES / 2 ** 20} MiB`
      );
    }
    return readFileSync3(path2, "utf8");
  } catch (error2) {
    if (error2 instanceof ScriptError) throw error2;
    throw new ScriptError(label, "", `cannot be read: ${error2.message}`);
  }
}
function load(text, label) {
  if (text.length > MAX_SCRIPT_BYTES)
    throw new ScriptError(label, "", `is larger than ${MAX_SCRIPT_BYTES / 2 ** 20} MiB, the most a command script may be`);
  checkDepth(text, label);
  let parsed;
  try {
    parsed = (0, import_yaml2.parseDocument)(text, { prettyErrors: true, uniqueKeys: true, logLevel: "error" });
  } catch (error2) {
    throw new ScriptError(label, "", `not valid YAML/JSON: ${error2.message}`);
  }
  const [first] = parsed.errors;
  if (first) {
    const detail = (first instanceof import_yaml2.YAMLParseError ? first.message.split("\n")[0] ?? "" : String(first)).replace(
      / at line \d+, column \d+:?$/,
      ""
    );
    const line = first instanceof import_yaml2.YAMLParseError ? first.linePos?.[0].line : void 0;
    throw new ScriptError(label, "", `not valid YAML/JSON: ${detail}`, line);
  }
  try {
    return { parsed, doc: parsed.toJS({ maxAliasCount: MAX_SCRIPT_ALIASES }) };
  } catch (error2) {
    const message = error2.message;
    if (!/alias/i.test(message)) throw new ScriptError(label, "", `not valid YAML/JSON: ${message}`);
    const at = firstAliasOffset(text);
    throw new ScriptError(
      label,
      "",
      `not valid YAML/JSON: its aliases expand to too much data (more than ${MAX_SCRIPT_ALIASES} alias expansions allowed)`,
      at === void 0 ? void 0 : lineAt(text, at)
    );
  }
}
function firstAliasOffset(text) {
  let offset = 0;
  for (const lexeme of new import_yaml2.Lexer().lex(text)) {
    if (lexeme.startsWith("*")) return offset;
    offset += lexeme.length;
  }
  return void 0;
}
function parseScript(file, text = readFileSync3(file, "utf8"), label = file) {
  const { parsed, doc } = load(text, label);
  const stepsNode = (0, import_yaml2.isMap)(parsed.contents) ? parsed.contents.get("tests", true) : void 0;
  const lineOf = (i) => {
    const item = (0, import_yaml2.isSeq)(stepsNode) ? stepsNode.items[i] : void 0;
    const offset = item?.range?.[0];
    return offset === void 0 ? void 0 : text.slice(0, offset).split("\n").length;
  };
  if (!isRecord(doc)) throw new ScriptError(label, "", 'a command script is a mapping with a "tests:" list');
  const extra = unknownKey(doc, TOP_KEYS);
  if (extra) throw new ScriptError(label, "", `unknown key "${extra}"; known: ${TOP_KEYS.join(", ")}`);
  if (!Array.isArray(doc.tests)) throw new ScriptError(label, "", '"tests" must be a list of steps');
  if (doc.reset !== void 0 && typeof doc.reset !== "boolean") throw new ScriptError(label, "", '"reset" must be true or false');
  const timeoutMs = seconds2(label, "", doc.timeout);
  return {
    ...typeof doc.name === "string" ? { name: doc.name } : {},
    steps: doc.tests.map((step, i) => {
      const line = lineOf(i);
      try {
        return { ...parseStep(label, step, i), ...line ? { line } : {} };
      } catch (error2) {
        if (!(error2 instanceof ScriptError) || error2.line !== void 0 || !line) throw error2;
        throw new ScriptError(error2.file, error2.where, error2.detail, line);
      }
    }),
    reset: doc.reset !== false,
    ...timeoutMs !== void 0 ? { timeoutMs } : {}
  };
}
function looksLikeScript(text) {
  let doc;
  try {
    ({ doc } = load(text, ""));
  } catch {
    return /^\s*(tests\s*:|\{\s*"tests"\s*:)/m.test(text);
  }
  const steps = isRecord(doc) ? doc.tests : void 0;
  return Array.isArray(steps) && steps.some((step) => isRecord(step) && ["send", "exec", "expect"].some((k) => k in step));
}

// src/suite/worker.ts
import { randomBytes as randomBytes3 } from "node:crypto";

// src/suite/expect.ts
import { isDeepStrictEqual } from "node:util";
var show = (value) => JSON.stringify(value) ?? String(value);
function checkAnswer(answer, expect) {
  if (expect.error) {
    if (answer.ok) {
      return {
        errorType: "expect.error",
        message: `expected ${expect.error.type ?? "an error"}, but the request succeeded with ${show(answer.result)}`
      };
    }
    if (expect.error.type && answer.error.type !== expect.error.type) {
      return {
        errorType: "expect.error",
        message: `expected error ${expect.error.type}, got ${answer.error.type}: ${answer.error.message}`,
        ...answer.error.traceback ? { traceback: answer.error.traceback } : {}
      };
    }
    if (expect.error.message && !expect.error.message.test(answer.error.message)) {
      return {
        errorType: "expect.error",
        message: `error message ${show(answer.error.message)} does not match /${expect.error.message.source}/`
      };
    }
  } else if (!answer.ok) {
    return {
      errorType: answer.error.type,
      message: answer.error.message,
      ...answer.error.traceback ? { traceback: answer.error.traceback } : {}
    };
  }
  if (expect.result && answer.ok && !isDeepStrictEqual(answer.result, expect.result.value)) {
    return { errorType: "expect.result", message: `expected result ${show(expect.result.value)}, got ${show(answer.result)}` };
  }
  const stdout = answer.stdout ?? "";
  if (expect.stdout && !expect.stdout.test(stdout)) {
    return { errorType: "expect.stdout", message: `stdout ${show(stdout)} does not match /${expect.stdout.source}/` };
  }
  return void 0;
}

// node_modules/tap-parser/dist/esm/index.js
import { EventEmitter } from "events";

// node_modules/tap-yaml/dist/esm/parse.js
var import_yaml4 = __toESM(require_dist(), 1);

// node_modules/tap-yaml/dist/esm/types/index.js
var import_yaml_types = __toESM(require_dist2(), 1);

// node_modules/tap-yaml/dist/esm/types/date.js
var date = {
  tag: "!date",
  // use !!timestamp instead, this is for parsing only
  /* c8 ignore start */
  identify() {
    return false;
  },
  /* c8 ignore stop */
  resolve(src) {
    const d = new Date(src);
    const t2 = d.getTime();
    if (t2 !== t2) {
      throw new Error(`Invalid date string: ${src}`);
    }
    return d;
  }
};

// node_modules/tap-yaml/dist/esm/types/timestamp.js
var import_yaml3 = __toESM(require_dist(), 1);
var schema = new import_yaml3.Schema({ resolveKnownTags: true });
var timestamp = schema.knownTags["tag:yaml.org,2002:timestamp"];
timestamp.default = false;

// node_modules/tap-yaml/dist/esm/types/index.js
var t = [
  import_yaml_types.regexp,
  import_yaml_types.sharedSymbol,
  import_yaml_types.symbol,
  import_yaml_types.bigint,
  import_yaml_types.nullobject,
  import_yaml_types.error,
  import_yaml_types.classTag,
  import_yaml_types.functionTag,
  timestamp,
  date,
  "omap",
  "set",
  "binary"
];
var customTags = (tags) => [...new Set(t.concat(tags))];

// node_modules/tap-yaml/dist/esm/parse.js
var parse = (str) => import_yaml4.default.parse(str, { customTags, prettyErrors: true });

// node_modules/tap-yaml/dist/esm/stringify.js
var import_yaml5 = __toESM(require_dist(), 1);
var stringify = (obj) => import_yaml5.default.stringify(obj, { customTags, prettyErrors: true });

// node_modules/tap-yaml/dist/esm/index.js
var esm_default = { parse, stringify };

// node_modules/tap-parser/dist/esm/final-plan.js
var FinalPlan = class {
  start = null;
  end = null;
  skipAll;
  skipReason;
  comment;
  constructor(skipAll, self) {
    if (self.planStart >= 0)
      this.start = self.planStart;
    if (self.planEnd >= 0)
      this.end = self.planEnd;
    this.skipAll = skipAll;
    this.skipReason = skipAll ? self.planComment : "";
    this.comment = self.planComment || "";
  }
};

// node_modules/tap-parser/dist/esm/final-results.js
var FinalResults = class {
  ok;
  count;
  pass;
  fail;
  bailout;
  todo;
  skip;
  failures;
  time;
  passes;
  plan;
  skips;
  todos;
  constructor(skipAll, parser) {
    this.ok = parser.ok;
    this.count = parser.count;
    this.pass = parser.pass;
    this.fail = parser.fail || 0;
    this.bailout = parser.bailedOut || false;
    this.todo = parser.todo || 0;
    this.skip = skipAll ? parser.count : parser.skip || 0;
    this.plan = new FinalPlan(skipAll, parser);
    this.failures = parser.failures;
    this.passes = parser.passes || void 0;
    this.time = parser.time;
    this.skips = parser.skips;
    this.todos = parser.todos;
  }
};

// node_modules/tap-parser/dist/esm/line-type.js
var lineTypes = {
  testPoint: /^(not )?ok(?: ([0-9]+))?(?:(?: -)?( .*?))?(\{?)\n$/,
  pragma: /^pragma ([+-])([a-zA-Z0-9_-]+)\n$/,
  bailout: /^bail out!(.*)\n$/i,
  version: /^TAP version ([0-9]+)\n$/i,
  childVersion: /^(    )+TAP version ([0-9]+)\n$/i,
  plan: /^([0-9]+)\.\.([0-9]+)(?:\s+(?:#\s*(.*)))?\n$/,
  subtest: /^# Subtest(?:: (.*))?\n$/,
  subtestIndent: /^    # Subtest(?:: (.*))?\n$/,
  comment: /^\s*#.*\n$/
};
var lineType = (line) => {
  for (const [t2, pattern] of Object.entries(lineTypes)) {
    const match = line.match(pattern);
    if (match)
      return [t2, match];
  }
  return null;
};

// node_modules/tap-parser/dist/esm/brace-patterns.js
var OPEN_BRACE_EOL = /\{\s*$/;
var SPACE_OPEN_BRACE_EOL = / \{$/;

// node_modules/tap-parser/dist/esm/parse-directive.js
var parseDirective = (line) => {
  if (!line.trim())
    return false;
  line = line.replace(OPEN_BRACE_EOL, "").trim().replace(/^duration_ms ([0-9.]+)$/, "time=$1ms");
  const time = line.match(/^time=((?:[1-9][0-9]*|0)(?:\.[0-9]+)?)(ms|s)$/i);
  const t2 = time?.[1];
  const s = time?.[2];
  if (typeof t2 === "string") {
    let n = +t2;
    if (s === "s") {
      n *= 1e6;
      n = Math.round(n);
      n /= 1e3;
    }
    return ["time", n];
  }
  const ts = line.match(/^(todo|skip)(?:\S*)\b(.*)$/i);
  const type = ts?.[1]?.toLowerCase();
  const msg = ts?.[2]?.trim();
  if (!type)
    return false;
  return [type, msg || true];
};

// node_modules/tap-parser/dist/esm/plan.js
var Plan = class {
  start;
  end;
  comment;
  constructor(start, end, comment = "") {
    this.start = start;
    this.end = end;
    this.comment = comment;
  }
};

// node_modules/tap-parser/dist/esm/result.js
var Result = class {
  ok;
  name = "";
  id = 0;
  buffered = false;
  tapError = null;
  skip = false;
  todo = false;
  previous = null;
  plan = null;
  diag = null;
  time = null;
  fullname = "";
  closingTestPoint = false;
  constructor(parsed, parser) {
    const ok = !parsed[1];
    const id = +(parsed[2] || 0);
    let buffered = parsed[4];
    this.ok = ok;
    if (parsed[2])
      this.id = id;
    let rest = parsed[3] || "";
    let name;
    rest = rest.replace(/(\\\\)/g, "\n");
    const [h, ...r] = rest.split(/(?<=\s|^)(?<!\\)#/g);
    name = (h || "").replace(/\\#/g, "#").replace(/\n/g, "\\");
    rest = r.join("#").replace(/\\#/g, "#").replace(/\n/g, "\\");
    const dir = parseDirective(rest.trim());
    if (!dir)
      name += (rest ? "#" + rest : "") + buffered;
    else {
      const dirKey = dir[0];
      const dirValue = dir[1];
      if (dirKey === "todo" || dirKey === "skip") {
        this[dirKey] = dirValue;
      } else {
        if (dirKey === "time") {
          this.time = parseFloat(dirValue);
        }
      }
    }
    if (OPEN_BRACE_EOL.test(name)) {
      name = name.replace(OPEN_BRACE_EOL, "");
      buffered = "{";
    }
    if (buffered === "{")
      this.buffered = true;
    if (name)
      this.name = name.trim();
    const n = [];
    if (parser.fullname)
      n.push(parser.fullname);
    if (this.name)
      n.push(this.name);
    this.fullname = n.join(" > ").trim();
  }
};

// node_modules/tap-parser/dist/esm/statics.js
var import_events_to_array = __toESM(require_events_to_array(), 1);

// node_modules/tap-parser/dist/esm/escape.js
var esc = (str) => str.replace(/\\/g, "\\\\").replace(/#/g, "\\#").trim();
var unesc = (str) => str.replace(/(\\\\)/g, "\0").replace(/\\#/g, "#").replace(/\u0000/g, "\\").trim();

// node_modules/tap-parser/dist/esm/statics.js
var getId = () => {
  const id = () => id.current++;
  id.current = 1;
  return id;
};
var parse2 = (str, options) => {
  const { flat = false } = options;
  const ignore = ["line", "pass", "fail", "todo", "skip", "result"];
  if (flat)
    ignore.push("assert", "child", "plan", "complete");
  const parser = new Parser2(options);
  const events = (0, import_events_to_array.default)(parser, ignore);
  if (flat) {
    const id = getId();
    parser.on("result", (res) => {
      res.name = res.fullname;
      res.id = id();
      events.push(["assert", res]);
    });
    parser.on("complete", (res) => {
      if (!res.bailout)
        events.push(["plan", { end: id.current - 1, start: 1 }]);
      events.push(["complete", res]);
    });
  }
  parser.end(str);
  return events;
};
var stringify2 = (msg, { flat = false, indent = "", id = getId() }) => {
  const ind = flat ? "" : indent;
  return ind + msg.map((item) => {
    switch (item[0]) {
      case "child":
        const comment = item[1][0];
        const child = item[1].slice(1);
        return Parser2.stringify([comment], {
          flat,
          indent: "",
          id
        }) + Parser2.stringify(child, {
          flat,
          indent: "    ",
          id
        });
      case "version":
        return "TAP version " + item[1] + "\n";
      case "plan":
        if (flat) {
          if (indent !== "")
            return "";
          item[1].start = 1;
          item[1].end = id.current - 1;
        }
        return item[1].start + ".." + item[1].end + (item[1].comment ? " # " + esc(item[1].comment) : "") + "\n";
      case "pragma":
        return "pragma " + (item[2] ? "+" : "-") + item[1] + "\n";
      case "bailout":
        return "Bail out!" + (item[1] ? " " + esc(item[1]) : "") + "\n";
      case "assert":
        const res = item[1];
        if (flat) {
          res.id = id();
          res.name = res.fullname;
        }
        return (res.ok ? "" : "not ") + "ok" + (res.id ? " " + res.id : "") + (res.name ? " - " + esc(res.name).replace(SPACE_OPEN_BRACE_EOL, "") : "") + (res.skip ? " # SKIP" + (res.skip === true ? "" : " " + esc(res.skip)) : "") + (res.todo ? " # TODO" + (res.todo === true ? "" : " " + esc(res.todo)) : "") + (res.time ? " # time=" + res.time + "ms" : "") + "\n" + (res.diag ? "  ---\n  " + esm_default.stringify(res.diag).split("\n").join("\n  ").trim() + "\n  ...\n" : "");
      case "extra":
      case "comment":
        return item[1];
    }
  }).join("").split("\n").join("\n" + ind).trim() + "\n";
};

// node_modules/tap-parser/dist/esm/index.js
var Parser2 = class _Parser extends EventEmitter {
  #child = null;
  #current = null;
  #extraQueue = [];
  #maybeChild = null;
  #postPlan = false;
  #previousChild = null;
  #yamlish = "";
  #yind = "";
  #sawVersion = false;
  aborted = false;
  bail = false;
  bailedOut = false;
  #bailingOut = false;
  braceLevel = 0;
  buffer = "";
  buffered;
  #closingTestPoint = null;
  comments = [];
  count = 0;
  fail = 0;
  failures = [];
  skips = [];
  todos = [];
  level;
  name;
  ok = true;
  omitVersion;
  parent = null;
  pass = 0;
  passes;
  planComment = "";
  planEnd = -1;
  planStart = -1;
  pointsSeen = /* @__PURE__ */ new Map();
  pragmas;
  preserveWhitespace;
  results = null;
  root;
  skip = 0;
  strict;
  syntheticBailout = false;
  syntheticPlan = false;
  time = null;
  todo = 0;
  get closingTestPoint() {
    return this.#closingTestPoint;
  }
  set closingTestPoint(res) {
    this.#closingTestPoint = res;
    if (res)
      res.closingTestPoint = true;
  }
  /* c8 ignore start */
  get readable() {
    return false;
  }
  get writable() {
    return true;
  }
  constructor(options, onComplete) {
    if (typeof options === "function") {
      onComplete = options;
      options = {};
    }
    options = options || {};
    super();
    if (onComplete)
      this.on("complete", onComplete);
    this.name = options.name || "";
    this.parent = options.parent || null;
    this.closingTestPoint = this.parent && options.closingTestPoint || null;
    this.root = options.parent ? options.parent.root : this;
    this.passes = options.passes ? [] : null;
    this.level = options.level || 0;
    this.bail = !!options.bail;
    this.omitVersion = !!options.omitVersion;
    this.buffered = !!options.buffered;
    this.preserveWhitespace = options.preserveWhitespace || false;
    this.strict = !!options.strict;
    this.pragmas = { strict: this.strict };
  }
  get fullname() {
    const n = [];
    const pn = (this.parent?.fullname ?? "").trim();
    const mn = (this.name || "").trim();
    if (pn)
      n.push(pn);
    if (mn)
      n.push(mn);
    return n.join(" > ");
  }
  tapError(error2, line) {
    if (line)
      this.emit("line", line);
    this.ok = false;
    this.fail++;
    if (typeof error2 === "string") {
      error2 = {
        tapError: error2
      };
    }
    this.failures.push(error2);
  }
  parseTestPoint(testPoint2, line) {
    if (!this.#child)
      this.emitResult();
    if (this.bailedOut)
      return;
    const resId = testPoint2[2];
    const res = new Result(testPoint2, this);
    if (resId && this.planStart !== -1) {
      const lessThanStart = res.id < this.planStart;
      const greaterThanEnd = res.id > this.planEnd;
      if (lessThanStart || greaterThanEnd) {
        if (lessThanStart)
          res.tapError = "id less than plan start";
        else
          res.tapError = "id greater than plan end";
        res.plan = new Plan(this.planStart, this.planEnd);
        this.tapError(res, line);
      }
    }
    if (resId && this.pointsSeen.has(res.id)) {
      res.tapError = "test point id " + resId + " appears multiple times";
      res.previous = this.pointsSeen.get(res.id) || null;
      this.tapError(res, line);
    } else if (resId) {
      this.pointsSeen.set(res.id, res);
    }
    if (this.#child) {
      if (!this.#child.closingTestPoint)
        this.#child.closingTestPoint = res;
      this.emitResult();
      if (this.bailedOut)
        return;
    }
    this.emit("line", line);
    if (!res.skip && !res.todo)
      this.ok = this.ok && res.ok;
    this.#current = res;
  }
  nonTap(data, didLine = false) {
    if (this.#bailingOut && /^( {4})*\}\n$/.test(data))
      return;
    if (this.strict) {
      const err = {
        tapError: "Non-TAP data encountered in strict mode",
        data
      };
      this.tapError(err, data);
      if (this.parent)
        this.parent.tapError(err, data);
    }
    if (!didLine)
      data.split("\n").slice(0, -1).forEach((line) => {
        line += "\n";
        if (this.#current || this.#extraQueue.length)
          this.#extraQueue.push(["line", line]);
        else
          this.emit("line", line);
      });
    this.emitExtra(data);
  }
  emitExtra(data, fromChild = false) {
    if (this.parent)
      this.parent.emitExtra(data.replace(/\n$/, "").replace(/^/gm, "    ") + "\n", true);
    else if (!fromChild && (this.#current || this.#extraQueue.length))
      this.#extraQueue.push(["extra", data]);
    else
      this.emit("extra", data);
  }
  plan(start, end, comment, line) {
    if (this.planStart !== -1) {
      this.nonTap(line);
      return;
    }
    if (this.#child || this.#yind) {
      this.nonTap(line);
      return;
    }
    this.emitResult();
    if (this.bailedOut)
      return;
    if (end < start && end !== 0 && start !== 1) {
      if (this.strict)
        this.tapError({
          tapError: "plan end cannot be less than plan start",
          plan: { start, end }
        }, line);
      else
        this.nonTap(line);
      return;
    }
    this.planStart = start;
    this.planEnd = end;
    const p = new Plan(start, end, comment);
    if (p.comment)
      this.planComment = p.comment = comment;
    if (this.count !== 0 || this.planEnd === 0) {
      const seen = /* @__PURE__ */ new Set();
      for (const [id, res] of this.pointsSeen.entries()) {
        const tapError = id < start ? "id less than plan start" : id > end ? "id greater than plan end" : null;
        if (tapError) {
          seen.add(tapError);
          res.tapError = tapError;
          res.plan = new Plan(start, end);
          this.tapError(res, line);
        }
      }
      this.#postPlan = true;
    }
    this.emit("line", line);
    this.emit("plan", p);
  }
  resetYamlish() {
    this.#yind = "";
    this.#yamlish = "";
  }
  // that moment when you realize it's not what you thought it was
  yamlGarbage() {
    const yamlGarbage = this.#yind + "---\n" + this.#yamlish;
    this.emitResult();
    if (this.bailedOut)
      return;
    this.nonTap(yamlGarbage, true);
  }
  yamlishLine(line) {
    if (line === this.#yind + "...\n") {
      this.processYamlish();
    } else {
      this.#yamlish += line;
    }
  }
  processYamlish() {
    if (!this.#current) {
      throw new Error("called processYamlish without a current test point");
    }
    const yamlish = this.#yamlish;
    this.resetYamlish();
    let diags;
    try {
      diags = esm_default.parse(yamlish);
      if (!diags)
        return;
    } catch (er) {
      this.nonTap(this.#yind + "---\n" + yamlish + this.#yind + "...\n", true);
      return;
    }
    if (typeof diags.duration_ms === "number" && this.#current.time === null) {
      this.#current.time = diags.duration_ms;
      delete diags.duration_ms;
    }
    this.#current.diag = diags;
  }
  write(chunk, encoding, cb) {
    if (this.aborted) {
      return false;
    }
    if (typeof encoding === "string" && encoding !== "utf8" && typeof chunk === "string") {
      chunk = Buffer.from(chunk, encoding);
    }
    if (Buffer.isBuffer(chunk)) {
      chunk = chunk.toString("utf8");
    }
    if (typeof encoding === "function") {
      cb = encoding;
      encoding = void 0;
    }
    this.buffer += chunk;
    do {
      const match = this.buffer.match(/^.*\r?\n/);
      if (!match)
        break;
      this.buffer = this.buffer.substring(match[0].length);
      this.parse(match[0]);
    } while (this.buffer.length);
    if (cb)
      process.nextTick(cb);
    return true;
  }
  end(chunk, encoding, cb) {
    if (chunk && typeof chunk !== "function") {
      if (typeof encoding === "function") {
        cb = encoding;
        this.write(chunk);
      } else {
        this.write(chunk, encoding);
      }
    }
    if (this.buffer) {
      this.write("\n");
    }
    if (this.#yamlish)
      this.yamlGarbage();
    this.emitResult();
    if (this.syntheticBailout && this.level === 0) {
      this.syntheticBailout = false;
      const reason = this.bailedOut === true ? "" : " " + this.bailedOut;
      this.emit("line", "Bail out!" + reason + "\n");
    }
    let skipAll = false;
    if (this.planEnd === 0 && this.planStart === 1) {
      skipAll = true;
      if (this.count === 0) {
        this.ok = true;
      } else {
        this.tapError("Plan of 1..0, but test points encountered", "");
      }
    } else if (!this.bailedOut && this.planStart === -1) {
      if (this.count === 0 && !this.syntheticPlan) {
        this.syntheticPlan = true;
        if (this.buffered) {
          this.planStart = 1;
          this.planEnd = 0;
        } else {
          if (!this.#sawVersion) {
            this.version(14, "TAP version 14\n");
          }
          this.plan(1, 0, "no tests found", "1..0 # no tests found\n");
        }
        skipAll = true;
      } else {
        this.tapError("no plan", "");
      }
    } else if (this.ok && this.count !== this.planEnd - this.planStart + 1) {
      this.tapError("incorrect number of tests", "");
    }
    this.emitComplete(skipAll);
    if (cb)
      process.nextTick(cb);
    return this;
  }
  emitComplete(skipAll) {
    if (!this.results) {
      const res = this.results = new FinalResults(!!skipAll, this);
      if (!res.bailout) {
        if (res.plan.end !== res.count) {
          this.emitComment("test count(" + res.count + ") != plan(" + res.plan.end + ")", false, true);
        }
      }
      this.emit("complete", this.results);
      this.emit("finish");
      this.emit("close");
    }
  }
  version(version, line) {
    if (version >= 13 && this.planStart === -1 && this.count === 0 && !this.#current) {
      this.#sawVersion = true;
      this.emit("line", line);
      this.emit("version", version);
    } else
      this.nonTap(line);
  }
  pragma(key, value, line) {
    if (this.#child) {
      this.nonTap(line);
      return;
    }
    this.emitResult();
    if (this.bailedOut)
      return;
    if (key === "strict") {
      this.strict = value;
    }
    this.pragmas[key] = value;
    this.emit("line", line);
    this.emit("pragma", key, value);
  }
  bailout(reason, synthetic = false) {
    this.syntheticBailout = synthetic;
    if (this.#bailingOut)
      return;
    this.#bailingOut = reason || true;
    if (!synthetic)
      this.emitResult();
    else
      this.#current = null;
    this.bailedOut = this.#bailingOut;
    this.ok = false;
    if (!synthetic) {
      let line = "Bail out!";
      if (reason)
        line += " " + reason;
      this.emit("line", line + "\n");
    }
    this.emit("bailout", reason);
    if (this.parent) {
      this.end();
      this.parent.bailout(reason, true);
    }
  }
  clearExtraQueue() {
    for (const [ev, data] of this.#extraQueue) {
      this.emit(ev, data);
    }
    this.#extraQueue.length = 0;
  }
  endChild() {
    if (this.#child && (!this.#bailingOut || this.#child.count)) {
      this.#child.time = this.#child.closingTestPoint?.time || null;
      this.#previousChild = this.#child;
      this.#child.end();
      this.#child = null;
    }
  }
  emitResult() {
    if (this.bailedOut)
      return;
    this.endChild();
    this.resetYamlish();
    if (!this.#current)
      return this.clearExtraQueue();
    const res = this.#current;
    this.#current = null;
    this.count++;
    const { skip, todo } = res;
    if (skip)
      this.skips.push({ ...res, skip });
    if (todo)
      this.todos.push({ ...res, todo });
    if (res.ok) {
      this.pass++;
      if (!skip && !todo && this.passes)
        this.passes.push(res);
    } else {
      this.fail++;
      if (!res.todo && !res.skip) {
        this.ok = false;
        this.failures.push(res);
      }
    }
    if (res.skip)
      this.skip++;
    if (res.todo)
      this.todo++;
    this.emitAssert(res);
    if (this.bail && !res.ok && !res.todo && !res.skip && !this.#bailingOut) {
      this.#maybeChild = null;
      const ind = new Array(this.level + 1).join("    ");
      let p;
      for (p = this; p.parent; p = p.parent)
        ;
      const bailName = res.name ? " " + res.name : "";
      p.parse(ind + "Bail out!" + bailName + "\n");
    }
    this.clearExtraQueue();
  }
  // TODO: We COULD say that any "relevant tap" line that's indented
  // by 4 spaces starts a child test, and just call it 'unnamed' if
  // it does not have a prefix comment.  In that case, any number of
  // 4-space indents can be plucked off to try to find a relevant
  // TAP line type, and if so, start the unnamed child.
  startChild(line) {
    const maybeBuffered = this.#current && this.#current.buffered;
    const unindentStream = !maybeBuffered && this.#maybeChild;
    const indentStream = !maybeBuffered && !unindentStream && lineTypes.subtestIndent.test(line);
    if (!maybeBuffered)
      this.emitResult();
    if (this.bailedOut)
      return;
    this.#child = new _Parser({
      bail: this.bail,
      parent: this,
      level: this.level + 1,
      buffered: maybeBuffered || void 0,
      closingTestPoint: maybeBuffered && this.#current || void 0,
      preserveWhitespace: this.preserveWhitespace,
      omitVersion: true,
      strict: this.strict
    });
    this.#child.on("complete", (results) => {
      if (!results.ok)
        this.ok = false;
    });
    this.#child.on("line", (l) => {
      if (l.trim() || this.preserveWhitespace)
        l = "    " + l;
      this.emit("line", l);
    });
    line = line.substring(4);
    let subtestComment;
    if (indentStream) {
      subtestComment = line;
      line = "";
    } else if (maybeBuffered && this.#current) {
      subtestComment = "# Subtest: " + this.#current.name + "\n";
    } else {
      subtestComment = this.#maybeChild || "# Subtest\n";
    }
    this.#maybeChild = null;
    this.#child.name = subtestComment.substring("# Subtest: ".length).trim();
    if (!this.#child.buffered)
      this.emit("line", subtestComment);
    this.emit("child", this.#child);
    this.#child.emitComment(subtestComment, true);
    if (line)
      this.#child.parse(line);
  }
  destroy(er) {
    this.abort("destroyed", er);
  }
  abort(message = "", extra) {
    if (this.#child) {
      const b = this.#child.buffered;
      this.#child.abort(message, extra);
      extra = null;
      if (b)
        this.write("\n}\n");
    }
    let dump = "";
    if (extra && Object.keys(extra).length) {
      try {
        dump = esm_default.stringify(extra).trimEnd();
      } catch (er) {
      }
    }
    const y = dump ? "  ---\n  " + dump.split("\n").join("\n  ") + "\n  ...\n" : "\n";
    const n = (this.count || 0) + 1 + (this.#current ? 1 : 0);
    if (this.planEnd !== -1 && this.planEnd < n && this.parent) {
      this.aborted = true;
      return;
    }
    message = message.replace(/[\n\r\s\t]/g, " ");
    let point = "\nnot ok " + n + " - " + message + "\n" + y;
    if (this.planEnd === -1)
      point += "1.." + n + "\n";
    if (!this.#sawVersion)
      this.write("TAP version 14\n");
    this.write(point);
    this.aborted = true;
    this.end();
  }
  emitAssert(res) {
    this.emit("assert", res);
    const c = this.#child || this.#previousChild;
    if (c) {
      this.#previousChild = null;
      if (res.name === c.name && c.results && res.ok === c.results.ok && c.results.count && !res.todo && !res.skip) {
        return;
      }
    }
    this.root.emit("result", res);
    if (res.skip)
      this.root.emit("skip", res);
    else if (res.todo)
      this.root.emit("todo", res);
    else if (!res.ok)
      this.root.emit("fail", res);
    else
      this.root.emit("pass", res);
  }
  emitComment(line, skipLine = false, noDuplicate = false) {
    if (line.trim().charAt(0) !== "#")
      line = "# " + line;
    if (line.slice(-1) !== "\n")
      line += "\n";
    if (noDuplicate && this.comments.indexOf(line) !== -1)
      return;
    this.comments.push(line);
    const dir = parseDirective(line.replace(/^\s*#\s*/, "").trim());
    if (dir && dir[0] === "time" && typeof dir[1] === "number")
      this.time = dir[1];
    if (this.#current || this.#extraQueue.length) {
      this.#extraQueue.push(["line", line]);
      this.#extraQueue.push(["comment", line]);
    } else {
      if (!skipLine)
        this.emit("line", line);
      this.emit("comment", line);
    }
  }
  parse(line) {
    line = line.replace(/\r\n$/, "\n");
    if (line === "\n") {
      if (this.#child)
        line = "    " + line;
      else if (this.#yind)
        line = this.#yind + line;
    }
    if (this.#bailingOut) {
      if (!/^\s*}\n$/.test(line))
        return;
      else if (!this.braceLevel || line.length < this.braceLevel)
        this.braceLevel = line.length;
      else
        return;
    }
    if (this.omitVersion && lineTypes.version.test(line) && !this.#yind) {
      return;
    }
    const indent = line.match(/^[ \t]*/);
    if (indent && indent[0]) {
      this.parseIndent(line, indent[0]);
      return;
    }
    if (this.#child && this.#child.buffered && line === "}\n") {
      this.endChild();
      this.emit("line", line);
      this.emitResult();
      return;
    }
    const validLine = this.preserveWhitespace || line.trim() || this.#yind;
    if (line === "\n")
      return validLine && this.emit("line", line);
    if (this.#current && line === "{\n" && this.#current.diag && !this.#current.buffered && !this.#child) {
      this.emit("line", line);
      this.#current.buffered = true;
      return;
    }
    const type = lineType(line);
    if (!type) {
      this.nonTap(line);
      return;
    }
    if (type[0] === "comment") {
      this.emitComment(line);
      return;
    }
    if (this.#yind)
      this.yamlGarbage();
    if (this.#maybeChild) {
      this.emitComment(this.#maybeChild);
      this.#maybeChild = null;
    }
    if (this.#postPlan) {
      this.nonTap(line);
      return;
    }
    if (type[0] === "bailout") {
      const msg = type[1]?.[1] || "";
      this.bailout(unesc(msg), false);
      return;
    }
    if (type[0] === "pragma") {
      const [_, posNeg, key] = type[1];
      this.pragma(String(key), posNeg === "+", line);
      return;
    }
    if (type[0] === "version") {
      const version = type[1];
      this.version(parseInt(String(version[1]), 10), line);
      return;
    }
    if (type[0] === "plan") {
      const plan = type[1];
      this.plan(+String(plan[1]), +String(plan[2]), unesc(plan[3] || "").trim(), line);
      return;
    }
    if (type[0] === "testPoint") {
      this.parseTestPoint(type[1], line);
      return;
    }
    if (type[0] === "subtest") {
      this.#maybeChild = line;
    } else {
      throw new Error("Unhandled case: " + type[0]);
    }
  }
  parseIndent(line, indent) {
    if (this.#child && line.substring(0, 4) === "    ") {
      line = line.substring(4);
      this.#child.write(line);
      return;
    }
    if (this.#yind) {
      if (line.indexOf(this.#yind) === 0) {
        this.emit("line", line);
        this.yamlishLine(line);
        return;
      } else {
        this.yamlGarbage();
      }
    }
    if (this.#current && !this.#yind && line === indent + "---\n") {
      this.#yind = indent;
      this.emit("line", line);
      return;
    }
    if (line.substring(0, 4) === "    ") {
      if (this.#maybeChild || this.#current && this.#current.buffered || lineTypes.subtestIndent.test(line)) {
        this.startChild(line);
        return;
      }
      const s = line.match(/( {4})+(.*\n)$/);
      if (s && s[2]?.charAt(0) !== " ") {
        const type = lineType(String(s[2]));
        if (type) {
          if (type[0] === "comment") {
            this.emit("line", line);
            this.emitComment(line);
          } else {
            this.startChild(line);
          }
          return;
        }
      }
    }
    if (lineTypes.comment.test(line)) {
      this.emitComment(line);
      return;
    }
    this.nonTap(line);
  }
  static parse(str, options = {}) {
    return parse2(str, options);
  }
  static stringify(msg, options = {}) {
    return stringify2(msg, options);
  }
};

// src/suite/external.ts
var looksLikeTap = (text) => /^(TAP version \d+|1\.\.\d+|(not )?ok\b)/m.test(text);
function yamlText(diag) {
  return diag && typeof diag === "object" ? JSON.stringify(diag, null, 2) : void 0;
}
function tapResults(suite, text) {
  const results = [];
  const attach = (parser2) => {
    const children = /* @__PURE__ */ new Map();
    parser2.on("child", (child) => {
      const entry = { failed: 0 };
      children.set(child.name, entry);
      const before = results.length;
      attach(child);
      child.on("complete", () => {
        entry.failed = results.slice(before).filter((r) => r.outcome === "failed").length;
      });
    });
    parser2.on("assert", (point) => {
      const child = children.get(point.name);
      if (child && (point.ok || child.failed > 0)) return;
      const diag = point.diag;
      const skip = point.skip !== false ? point.skip : point.todo !== false ? point.todo : false;
      results.push({
        id: `${suite} > ${point.fullname || point.name}`,
        suite,
        name: point.fullname || point.name,
        outcome: skip !== false ? "skipped" : point.ok ? "passed" : "failed",
        ...skip !== false ? { skipReason: typeof skip === "string" && skip ? skip : point.todo !== false ? "todo" : "skipped" } : {},
        ...!point.ok && skip === false ? {
          kind: "assertion",
          message: typeof diag?.message === "string" ? diag.message : `${point.name} failed`,
          ...yamlText(diag) ? { traceback: yamlText(diag) } : {}
        } : {},
        durationMs: typeof point.time === "number" ? point.time : typeof diag?.duration_ms === "number" ? diag.duration_ms : 0
      });
    });
  };
  const parser = new Parser2();
  attach(parser);
  let ok = true;
  let summary = "";
  parser.on("complete", (final) => {
    ok = final.ok;
    summary = final.failures.map((f) => String(f.tapError ?? ("name" in f ? f.name : ""))).filter(Boolean).join("; ");
  });
  parser.end(text);
  return { results, ok, summary };
}
async function execute(command, options) {
  const started = performance.now();
  const tracked = process.platform === "win32" ? new TrackedProcess(command, [], { cwd: options.cwd, env: options.env, stdin: "ignore", shell: true }) : new TrackedProcess("/bin/sh", ["-c", command], { cwd: options.cwd, env: options.env, stdin: "ignore" });
  const { child } = tracked;
  const out = [];
  const err = [];
  child.stdout?.setEncoding("utf8");
  child.stderr?.setEncoding("utf8");
  child.stdout?.on("data", (chunk) => out.push(chunk));
  child.stderr?.on("data", (chunk) => err.push(chunk));
  let timedOut = false;
  const killGroup = () => {
    void tracked.started.then(({ pid }) => signalGroup(pid, "SIGKILL"));
  };
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, options.timeoutMs);
  options.signal?.addEventListener("abort", killGroup, { once: true });
  const start = await tracked.started;
  let ended;
  try {
    ended = await tracked.exited;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", killGroup);
  }
  await drainAfterExit([child.stdout, child.stderr]);
  return { tracked, start, ended, timedOut, durationMs: performance.now() - started, out, err };
}
async function endLeftovers({ tracked, start }, env) {
  const { pid: pgid, stdio } = start;
  const all = listProcesses().filter((p) => p.pid !== tracked.supervisorPid);
  const leftovers = pgid > 0 ? killGroupLeftovers(pgid, all) : [];
  const seen = new Set(leftovers.map((l) => l.pid));
  leftovers.push(
    ...killPipeHolders(
      stdio,
      all.filter((p) => !seen.has(p.pid))
    )
  );
  for (const l of leftovers) seen.add(l.pid);
  const tag = env[TAG_VARIABLE];
  if (tag) {
    const tagged = processesByEnv(TAG_VARIABLE, (v) => v === tag, all).filter((p) => p.state !== "Z" && !seen.has(p.pid));
    for (const l of killAndReport(tagged, "tag")) {
      seen.add(l.pid);
      leftovers.push(l);
    }
  }
  const swept = await tracked.sweep();
  if (swept === "lost") {
    leftovers.push({
      pid: tracked.supervisorPid ?? 0,
      command: "the process supervisor was killed: what the command started may have escaped",
      found: "tree",
      killed: false
    });
  } else {
    for (const p of swept) if (!seen.has(p.pid)) leftovers.push({ pid: p.pid, command: p.command, found: "tree", killed: p.killed });
  }
  return leftovers;
}
function verdict(suite, run2, timeoutMs) {
  const { ended } = run2;
  const stdout = run2.out.join("");
  const stderr = run2.err.join("");
  const base = { suite, durationMs: run2.durationMs, stdout, stderr };
  if (run2.timedOut) {
    return [
      {
        ...base,
        id: `${suite} > timeout`,
        name: "timeout",
        outcome: "failed",
        kind: "timeout",
        message: `the command did not finish within ${timeoutMs / 1e3} s and was killed`
      }
    ];
  }
  const exit = ended.error ? `could not be started (${ended.error})` : ended.signal ? `was killed by ${ended.signal}` : `exited with code ${String(ended.code)}`;
  if (looksLikeTap(stdout)) {
    const tap = tapResults(suite, stdout);
    if (tap.results.length > 0) {
      const extra = [];
      const anyFailed = tap.results.some((r) => r.outcome === "failed");
      if (!tap.ok && !anyFailed) {
        extra.push({
          ...base,
          id: `${suite} > TAP stream`,
          name: "TAP stream",
          outcome: "failed",
          kind: "error",
          message: `the TAP output is incomplete or invalid${tap.summary ? `: ${tap.summary}` : ""}`
        });
      } else if (ended.code !== 0 && !anyFailed) {
        extra.push({
          ...base,
          id: `${suite} > exit code`,
          name: "exit code",
          outcome: "failed",
          kind: "exit-code",
          message: `every TAP point passed, but the command ${exit}`
        });
      }
      return [...tap.results, ...extra];
    }
  }
  const passed = ended.code === 0;
  return [
    {
      ...base,
      id: `${suite} > exit code`,
      name: "exit code",
      outcome: passed ? "passed" : "failed",
      ...passed ? {} : {
        kind: "exit-code",
        message: `the command ${exit}${stderr ? `: ${stderr.trim().split("\n").slice(-3).join(" | ")}` : ""}`
      }
    }
  ];
}
async function runExternal(command, options) {
  const run2 = await execute(command, options);
  const leftovers = await endLeftovers(run2, options.env);
  return { results: verdict(`run: ${command}`, run2, options.timeoutMs), leftovers };
}

// src/suite/worker.ts
var CollectFailed = class extends Error {
  constructor(type, message, detail) {
    super(message);
    this.type = type;
    this.detail = detail;
  }
  type;
  detail;
};
var COLLECT_TIMEOUT_MS = 12e4;
var WorkerAborted = class extends Error {
  constructor() {
    super("the run was cancelled");
  }
};
var Lost = class extends Error {
  constructor(kind, message, report) {
    super(message);
    this.kind = kind;
    this.report = report;
  }
  kind;
  report;
};
var Worker = class {
  constructor(index, options) {
    this.index = index;
    this.options = options;
  }
  index;
  options;
  session;
  profile = new Profile();
  cleanups = [];
  restarts = 0;
  aborting;
  cancelRuns = new AbortController();
  /** The live session, started (again) when there is none. */
  async ensure() {
    if (this.aborting) throw new WorkerAborted();
    if (this.session?.alive) return this.session;
    if (this.session) await this.retire();
    if (this.lastReady) this.restarts += 1;
    const session = await Session.start({ ...this.options.session, profile: this.profile });
    if (this.aborting) {
      this.cleanups.push(await session.close({ graceMs: 0 }));
      throw new WorkerAborted();
    }
    this.session = session;
    this.lastReady = session.ready;
    return session;
  }
  /** What the most recent session reported when it came up. */
  lastReady;
  async retire(graceMs = 3e3) {
    const session = this.session;
    this.session = void 0;
    if (session) this.cleanups.push(await session.close({ graceMs }));
  }
  /** Send a request; a crash or a hang becomes a Lost error and the session is retired. */
  async send(request, timeoutMs, startAfter, on) {
    const session = on ?? await this.ensure();
    try {
      return await session.request(request, timeoutMs, startAfter);
    } catch (error2) {
      const current = this.session === session;
      if (error2 instanceof RequestTimeoutError) {
        if (current) await this.retire(200);
        throw new Lost("timeout", `timed out after ${timeoutMs / 1e3} s; Blender was killed and restarted for the next test`);
      }
      if (error2 instanceof ConnectionClosedError) {
        const exit = await Promise.race([session.exited, idle(5e3).then(() => void 0)]);
        const report = this.session === session ? takeCrashReport(this.profile.root) : void 0;
        if (this.session === session) await this.retire(200);
        throw new Lost("crash", `${describeExit(exit)} while running this test; it was restarted for the next test`, report);
      }
      throw error2;
    }
  }
  /** Start this session's pytest session (once per Blender process) and return what it collected. */
  async collect() {
    const { args, freshScene } = this.options.pytest;
    let answer;
    try {
      answer = await this.send(
        { type: "collect", args, cwd: this.options.cwd, fresh_scene: freshScene },
        Math.max(this.options.timeoutMs, COLLECT_TIMEOUT_MS)
      );
    } catch (error2) {
      if (!(error2 instanceof Lost)) throw error2;
      throw new CollectFailed(
        error2.kind === "crash" ? "Crash" : "Timeout",
        `collecting the Python tests ${error2.kind === "crash" ? "crashed Blender" : "hung"}: ${error2.message}`,
        error2.report
      );
    }
    if (!answer.ok) throw new CollectFailed(answer.error.type, answer.error.message, answer.error.traceback ?? void 0);
    this.collectedIn = this.session;
    return answer.result;
  }
  /** The session the current Blender's pytest session collected in; a restart needs a new one. */
  collectedIn;
  /** Why pytest asked to stop the run (-x, --maxfail), once it has. */
  stopReason;
  /**
   * Run one unit. `claimNext` takes the unit this worker runs after it off the queue. Python
   * units run as one stream: each test is torn down for the one after it (so fixtures whose
   * scope goes on stay up, as pytest's own loop keeps them), and the next test's request is
   * sent before this one's answer arrives, so Blender goes from test to test without waiting
   * for the round trip. Returns the claimed unit that is not Python, for the caller to run.
   */
  async run(unit, onResult, claimNext = () => void 0) {
    if (unit.kind === "python") return this.runPython(unit, onResult, claimNext);
    if (unit.kind === "script") await this.runScript(unit, onResult);
    else await this.runCommand(unit, onResult);
    return void 0;
  }
  /** Python tests this worker has taken and not finished (units, remaining items only). */
  streaming = [];
  claimedOther;
  /** Units taken but not run, when a run ends in an error: another worker can run them. */
  unfinished() {
    const units = /* @__PURE__ */ new Map();
    for (const entry of this.streaming) if (!entry.done) units.set(entry.unit, [...units.get(entry.unit) ?? [], entry.item]);
    const left = [...units].map(([unit, items]) => ({ ...unit, id: items[0]?.nodeid ?? unit.id, items }));
    if (this.claimedOther) left.push(this.claimedOther);
    this.streaming = [];
    this.claimedOther = void 0;
    return left;
  }
  async runPython(first, onResult, claimNext) {
    const plan = first.items.map((item) => ({ item, unit: first, done: false }));
    this.streaming = plan;
    this.claimedOther = void 0;
    let exhausted = false;
    const reach = (i) => {
      while (plan.length <= i && !exhausted) {
        const unit = claimNext();
        if (unit?.kind === "python") plan.push(...unit.items.map((item) => ({ item, unit, done: false })));
        else {
          exhausted = true;
          this.claimedOther = unit;
        }
      }
      return plan.length > i;
    };
    const inFlight = /* @__PURE__ */ new Map();
    const sendAt = (i, session, startAfter) => {
      const entry = plan[i];
      const next = reach(i + 1) ? plan[i + 1]?.item.nodeid : void 0;
      const sent = { session, answer: this.sendTest(entry.item.nodeid, next, session, startAfter) };
      inFlight.set(i, sent);
      return sent;
    };
    let lost;
    for (let i = 0; reach(i); i++) {
      const entry = plan[i];
      if (lost?.unit === entry.unit && !entry.item.keep_scene) lost = void 0;
      if (lost?.unit === entry.unit) {
        onResult({ ...this.pythonBase(entry.item), outcome: "skipped", skipReason: `not run: ${lost.why}`, durationMs: 0 });
        entry.done = true;
        continue;
      }
      const started = performance.now();
      let sent = inFlight.get(i);
      inFlight.delete(i);
      if (sent && sent.session !== this.session) sent = void 0;
      if (!sent) {
        const restarted = await this.ensureCollected();
        if (restarted) {
          onResult({
            ...this.pythonBase(entry.item),
            outcome: "failed",
            kind: "setup",
            message: restarted,
            ...this.where(entry.item),
            durationMs: 0
          });
          entry.done = true;
          continue;
        }
        sent = sendAt(i, await this.ensure());
      }
      if (this.stopReason === void 0 && reach(i + 1) && plan[i + 1]?.unit !== lost?.unit && !inFlight.has(i + 1)) {
        sendAt(i + 1, sent.session, sent.answer);
      }
      const settled = await sent.answer;
      const result = this.pythonResult(entry.item, settled, started);
      entry.done = true;
      if (result) onResult(result);
      if ((result?.kind === "crash" || result?.kind === "timeout") && entry.unit.items.length > 1) {
        lost = {
          unit: entry.unit,
          why: `${entry.item.nodeid} ${result.kind === "crash" ? "crashed" : "hung"} Blender, and the scene the tests after it build on is gone`
        };
      }
      if (this.stopReason !== void 0) break;
    }
    this.streaming = [];
    const other = this.claimedOther;
    this.claimedOther = void 0;
    return other;
  }
  /** Runs one Python test in `session` (told the next, for its fixtures); a lost Blender settles it too. */
  sendTest(nodeid, next, session, startAfter) {
    return this.send({ type: "test", nodeid, next: next ?? null }, this.options.timeoutMs, startAfter, session).then(
      (a) => ({ answer: a }),
      (error2) => {
        if (error2 instanceof Lost) return { lost: error2 };
        throw error2;
      }
    );
  }
  /** Collect in this Blender if it has not yet (after a restart); a message when that fails. */
  async ensureCollected() {
    if (this.session?.alive && this.collectedIn === this.session) return void 0;
    try {
      await this.collect();
      return void 0;
    } catch (error2) {
      if (!(error2 instanceof CollectFailed)) throw error2;
      return `Blender was restarted, but collecting again failed: ${error2.message}`;
    }
  }
  where(item) {
    return { file: this.options.relative(item.file), ...item.line ? { line: item.line } : {} };
  }
  pythonBase(item) {
    return { id: item.nodeid, suite: this.options.relative(item.file), name: testName(item.nodeid) };
  }
  /** A test's answer as a result; undefined for a test pytest did not run (the run stopped). */
  pythonResult(item, settled, started) {
    const base = this.pythonBase(item);
    const where = this.where(item);
    if ("lost" in settled) {
      const error3 = settled.lost;
      return {
        ...base,
        outcome: "failed",
        kind: error3.kind,
        message: error3.message,
        ...error3.report ? { traceback: `Blender's crash report:
${error3.report}` } : {},
        ...where,
        durationMs: performance.now() - started
      };
    }
    const { answer } = settled;
    if (!answer.ok) {
      return {
        ...base,
        outcome: "failed",
        kind: "error",
        errorType: answer.error.type,
        message: answer.error.message,
        ...where,
        durationMs: performance.now() - started
      };
    }
    const r = answer.result;
    if (r.stop) this.stopReason ??= r.stop;
    if (r.outcome === "not-run") return void 0;
    const output = {
      ...r.stdout ? { stdout: r.stdout } : {},
      ...r.stderr ? { stderr: r.stderr } : {},
      ...r.log ? { log: r.log } : {}
    };
    const durationMs = r.duration * 1e3;
    if (r.outcome === "passed") return { ...base, outcome: "passed", durationMs, ...output };
    if (r.outcome === "skipped") return { ...base, outcome: "skipped", skipReason: r.skip || "skipped", durationMs, ...output };
    if (r.outcome === "xfailed")
      return {
        ...base,
        outcome: "skipped",
        skipReason: `xfail${r.xfail ? `: ${r.xfail}` : ""}`,
        xfail: r.xfail ?? "",
        durationMs,
        ...output
      };
    const error2 = r.error;
    const phase = r.outcome === "error" && (r.phase === "setup" || r.phase === "teardown") ? r.phase : void 0;
    const said = error2 ? `${error2.type}: ${error2.message}` : r.outcome;
    let message = phase ? `error in ${phase} of ${r.nodeid}: ${said}` : error2?.message || said;
    let traceback = error2?.traceback ?? void 0;
    if (r.teardown_error) {
      message += `; and error in teardown: ${r.teardown_error.type}: ${r.teardown_error.message}`;
      traceback = [traceback, r.teardown_error.traceback].filter(Boolean).join("\n\n--- teardown ---\n");
    }
    const kind = error2?.assertion && !phase ? "assertion" : "error";
    return {
      ...base,
      outcome: "failed",
      kind,
      message,
      ...error2?.type ? { errorType: error2.type } : {},
      ...phase ? { phase } : {},
      ...traceback ? { traceback } : {},
      ...error2?.file ? { file: this.options.relative(error2.file) } : where,
      ...error2?.file && error2.line ? { line: error2.line } : {},
      durationMs,
      ...output
    };
  }
  async runScript(unit, onResult) {
    const { script } = unit;
    let lost;
    if (script.reset) {
      try {
        await this.send({ type: "reset" }, this.options.timeoutMs);
      } catch (error2) {
        if (!(error2 instanceof Lost)) throw error2;
        lost = `the reset before the script ${error2.message}`;
      }
    }
    for (const step of script.steps) {
      const base = {
        id: `${unit.suite} > ${step.name}`,
        suite: unit.suite,
        name: step.name,
        file: this.options.relative(unit.path),
        ...step.line ? { line: step.line } : {}
      };
      if (step.skip !== void 0 || lost) {
        onResult({ ...base, outcome: "skipped", skipReason: step.skip ?? `not run: ${lost}`, durationMs: 0 });
        continue;
      }
      const started = performance.now();
      const timeoutMs = step.timeoutMs ?? script.timeoutMs ?? this.options.timeoutMs;
      try {
        const answer = await this.send(step.request, timeoutMs);
        const durationMs = performance.now() - started;
        const output = { ...answer.stdout ? { stdout: answer.stdout } : {}, ...answer.stderr ? { stderr: answer.stderr } : {} };
        const mismatch = checkAnswer(answer, step.expect);
        if (!mismatch) onResult({ ...base, outcome: "passed", durationMs, ...output });
        else {
          const expectation = mismatch.errorType.startsWith("expect.");
          onResult({
            ...base,
            outcome: "failed",
            kind: expectation ? "assertion" : "error",
            errorType: mismatch.errorType,
            message: mismatch.message,
            ...mismatch.traceback ? { traceback: mismatch.traceback } : {},
            durationMs,
            ...output
          });
        }
      } catch (error2) {
        if (!(error2 instanceof Lost)) throw error2;
        onResult({
          ...base,
          outcome: "failed",
          kind: error2.kind,
          message: error2.message,
          ...error2.report ? { traceback: `Blender's crash report:
${error2.report}` } : {},
          durationMs: performance.now() - started
        });
        lost = `step "${step.name}" ${error2.kind === "crash" ? "crashed" : "hung"} Blender, and the state later steps build on is gone`;
      }
    }
  }
  async runCommand(unit, onResult) {
    const session = await this.ensure();
    const env = {
      // Tagged like the sessions, so a post step finds what a cancelled run left of it; a tag
      // of its own, so its cleanup check finds what it left and nothing of another worker's.
      [TAG_VARIABLE]: `${tagPrefix()}run-${randomBytes3(6).toString("hex")}`,
      [wire.environment.port]: String(session.port),
      BLENDER_PATH: this.options.session.blender,
      ...session.ready.auth ? { [wire.environment.token]: session.token } : {}
    };
    const outcome2 = await runExternal(unit.command, {
      cwd: this.options.cwd,
      env,
      timeoutMs: this.options.timeoutMs,
      signal: this.cancelRuns.signal
    });
    for (const r of outcome2.results) onResult(r);
    if (outcome2.leftovers.length) {
      this.cleanups.push({ clean: false, leftovers: outcome2.leftovers, portBound: null, stops: [] });
    }
  }
  /** Stop the session and check what it left; remove the profile. */
  async close(graceMs) {
    await this.retire(graceMs);
    this.profile.remove();
  }
  /** Cancel: end Blender now, whatever it is doing. */
  abort() {
    this.cancelRuns.abort();
    this.aborting ??= this.retire(0).then(() => this.profile.remove());
    return this.aborting;
  }
};

// src/suite/run.ts
var NoSuitesError = class extends Error {
};
function notRun(unit, message) {
  if (unit.kind === "python") {
    return unit.items.map((item) => ({
      id: item.nodeid,
      suite: unit.suite,
      name: testName(item.nodeid),
      outcome: "failed",
      kind: "setup",
      message,
      durationMs: 0
    }));
  }
  const names = unit.kind === "script" ? unit.script.steps.map((s) => s.name) : ["exit code"];
  return names.map((name) => ({
    id: `${unit.suite} > ${name}`,
    suite: unit.suite,
    name,
    outcome: "failed",
    kind: "setup",
    message,
    durationMs: 0
  }));
}
function collectionError(e, show2) {
  const file = e.file ? show2(e.file) : e.nodeid;
  return {
    id: e.nodeid || file,
    suite: file,
    name: "(collection)",
    outcome: "failed",
    kind: "import",
    errorType: e.type,
    message: `collecting it failed: ${e.type}: ${e.message}`,
    ...e.traceback ? { traceback: e.traceback } : {},
    file,
    ...e.line ? { line: e.line } : {},
    ...e.stdout ? { stdout: e.stdout } : {},
    ...e.stderr ? { stderr: e.stderr } : {},
    durationMs: 0
  };
}
var TEST_DEF = String.raw`^[ \t]*(?:async[ \t]+)?def[ \t]+test`;
function guessPythonTests(files) {
  let count = 0;
  for (const file of files) {
    try {
      count += readFileSync4(file, "utf8").match(new RegExp(TEST_DEF, "gm"))?.length ?? 0;
    } catch {
    }
  }
  return count;
}
function displayPath(cwd, file) {
  const rel = relative(cwd, file);
  return (rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file).split(sep).join("/");
}
function mergeCleanups(reports) {
  return {
    clean: reports.every((r) => r.clean),
    leftovers: reports.flatMap((r) => r.leftovers),
    portBound: reports.find((r) => r.portBound !== null)?.portBound ?? null,
    stops: reports.flatMap((r) => r.stops)
  };
}
function readScripts(files, show2, fail) {
  const scripts = [];
  for (const suite of files) {
    const label = show2(suite.path);
    try {
      const text = readScriptFile(suite.path, label, suite.explicit);
      if (text === void 0 || !suite.explicit && !looksLikeScript(text)) continue;
      scripts.push({ kind: "script", id: label, suite: label, path: suite.path, script: parseScript(suite.path, text, label) });
    } catch (error2) {
      if (!(error2 instanceof ScriptError)) throw error2;
      fail(error2.message, {
        id: `${label} > (parse)`,
        suite: label,
        name: "(parse)",
        outcome: "failed",
        kind: "setup",
        message: error2.message,
        file: label,
        ...error2.line ? { line: error2.line } : {},
        durationMs: 0
      });
    }
  }
  return scripts;
}
var Pool = class {
  constructor(options, limit, collectPython) {
    this.options = options;
    this.limit = limit;
    this.collectPython = collectPython;
    this.first = new Worker(1, options);
    this.workers = [this.first];
  }
  options;
  limit;
  collectPython;
  first;
  workers;
  /** Each later worker's start, then its collection: the n-th is workers[n + 1]'s. */
  starting = [];
  cancelled = false;
  abort = () => {
    this.cancelled = true;
    for (const w of this.workers) void w.abort();
  };
  /** Start workers up to `units` (and the limit). Each collects as soon as it is up, so its first test does not wait for its collection. */
  start(units) {
    while (!this.cancelled && this.workers.length < Math.min(this.limit, units)) {
      const w = new Worker(this.workers.length + 1, this.options);
      this.workers.push(w);
      this.starting.push(
        w.ensure().then(() => this.collectPython ? w.collect() : void 0).catch(() => void 0)
      );
    }
  }
  stopping = () => this.cancelled || this.workers.some((w) => w.stopReason !== void 0);
  async end() {
    await Promise.allSettled(this.starting);
    await Promise.all(this.workers.map((w) => this.cancelled ? w.abort() : w.close()));
  }
};
function passedOver(named, collection, show2) {
  if (collection.deselected > 0) return [];
  const seen = /* @__PURE__ */ new Set([
    ...collection.items.map((i) => i.file),
    ...collection.errors.map((e) => resolve5(collection.rootdir, nodeIdFile(e.nodeid)))
  ]);
  const hasTests = (file) => {
    try {
      return new RegExp(`\\bTestCase\\b|${TEST_DEF}`, "m").test(readFileSync4(file, "utf8"));
    } catch {
      return false;
    }
  };
  return named.filter((file) => !seen.has(file) && hasTests(file)).map(
    (file) => `${show2(file)} holds tests and is named as unittest discovers them (test*.py), but pytest's python_files (test_*.py and *_test.py by default) passed over it, so none of them ran: add \`python_files = test*.py\` to your pytest configuration, or name the file as a path.`
  );
}
async function collectPythonUnits(first, show2, targets, emit, fail, warn) {
  const required = targets.required;
  try {
    const collection = await first.collect();
    for (const e of collection.errors) emit(collectionError(e, show2));
    passedOver(targets.unittestNamed, collection, show2).forEach(warn);
    return pythonUnits(collection.items, (item) => show2(item.file));
  } catch (error2) {
    if (!(error2 instanceof CollectFailed)) throw error2;
    if (error2.type !== "PytestMissing" || required) {
      fail(error2.message, {
        id: "pytest",
        suite: "pytest",
        name: "(collection)",
        outcome: "failed",
        kind: "setup",
        errorType: error2.type,
        message: error2.message,
        ...error2.detail ? { traceback: error2.detail } : {},
        durationMs: 0
      });
    }
    return [];
  }
}
async function drain(pool, worker, index, queue, emit) {
  if (index > 0) await pool.starting[index - 1];
  for (let unit = queue.shift(); unit && !pool.stopping(); ) {
    let next;
    try {
      next = await worker.run(
        unit,
        (r) => {
          if (!pool.cancelled) emit(r);
        },
        () => pool.stopping() ? void 0 : queue.shift()
      );
    } catch (error2) {
      const left = worker.unfinished();
      const [current, ...rest] = unit.kind === "python" ? left : [unit, ...left];
      queue.unshift(...rest);
      if (pool.cancelled || error2 instanceof WorkerAborted) return "done";
      if (!(error2 instanceof SessionStartError)) throw error2;
      if (current) notRun(current, `Blender could not be restarted: ${error2.message}`).forEach(emit);
      return "dead";
    }
    unit = next ?? (pool.stopping() ? void 0 : queue.shift());
  }
  return "done";
}
function outcome(started, results, setupErrors, warnings, pool) {
  const workers = pool?.workers ?? [];
  return {
    results,
    cleanup: mergeCleanups(workers.flatMap((w) => w.cleanups)),
    setupErrors,
    warnings,
    blender: pool?.first.lastReady,
    cancelled: pool?.cancelled ?? false,
    durationMs: performance.now() - started,
    restarts: workers.reduce((n, w) => n + w.restarts, 0)
  };
}
async function runSuites(options) {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const show2 = (file) => displayPath(cwd, file);
  const { scripts: scriptFiles, python: pythonTargets } = options.discovery ?? discoverSuites(options.paths, cwd);
  const results = [];
  const setupErrors = [];
  const warnings = [];
  const emit = (r) => {
    results.push(r);
    options.onResult?.(r);
  };
  const fail = (message, r) => {
    setupErrors.push(message);
    emit(r);
  };
  const scripts = readScripts(scriptFiles, show2, fail);
  const collectPython = pythonTargets.any || options.pathsGiven === false;
  const runs = (options.runCommands ?? []).map((command) => ({
    kind: "run",
    id: `run: ${command}`,
    suite: `run: ${command}`,
    command
  }));
  if (scripts.length + runs.length === 0 && !collectPython) {
    if (setupErrors.length) {
      return outcome(started, results, setupErrors, warnings);
    }
    throw new NoSuitesError(
      `no suites found under ${options.paths.join(", ") || "."}: expected command scripts (*.yaml, *.yml, *.json with "tests:") or Python test modules (test_*.py, *_test.py), or pass --run CMD`
    );
  }
  const timeoutMs = options.timeoutMs ?? 6e4;
  const pytestArgs = [...options.pytestArgs ?? [], ...options.pathsGiven === false ? [] : pythonTargets.args];
  const workerOptions = {
    session: options.session,
    timeoutMs,
    cwd,
    relative: show2,
    pytest: { args: pytestArgs, freshScene: options.freshScene ?? true }
  };
  const pool = new Pool(workerOptions, Math.min(Math.max(1, options.workers ?? 1), maxWorkers()), collectPython);
  options.signal?.addEventListener("abort", pool.abort, { once: true });
  if (options.signal?.aborted) pool.abort();
  try {
    pool.start(
      collectPython ? Math.ceil((scripts.length + runs.length + guessPythonTests(pythonTargets.files)) / (options.shard?.count ?? 1)) : shardUnits([...scripts, ...runs], options.shard).length
    );
    options.onReady?.((await pool.first.ensure()).ready);
    const python = collectPython && !pool.cancelled ? await collectPythonUnits(pool.first, show2, pythonTargets, emit, fail, (w) => warnings.push(w)) : [];
    const queue = shardUnits([...scripts, ...python, ...runs], options.shard);
    pool.start(queue.length);
    const ends = await Promise.all(pool.workers.map((worker, i) => drain(pool, worker, i, queue, emit)));
    if (!pool.cancelled && ends.every((end) => end === "dead")) {
      for (const unit of queue.splice(0)) notRun(unit, "not run: Blender could not be restarted").forEach(emit);
    }
  } catch (error2) {
    if (!(error2 instanceof WorkerAborted)) throw error2;
  } finally {
    options.signal?.removeEventListener("abort", pool.abort);
    await pool.end();
  }
  return outcome(started, results, setupErrors, warnings, pool);
}

export {
  SystemDepsError,
  ensureRunnable,
  reportPathProblem,
  writeReport,
  parseFailUnder,
  startCoverageRun,
  concludeCoverage,
  PackagesError,
  isIndexUrl,
  planPackages,
  preparePackages,
  installPlan,
  isCleanupClean,
  reportCounts,
  formatCleanup,
  createConsoleReporter,
  formatSummaryMarkdown,
  formatPercent,
  coverageHeadline,
  isCoverageFailing,
  formatTap,
  formatJunit,
  selectAnnotations,
  createProgress,
  nodeIdFile,
  DiscoveryError,
  discoverSuites,
  parseShard,
  MAX_TIMER_SECONDS,
  capWorkers,
  NoSuitesError,
  mergeCleanups,
  runSuites
};
