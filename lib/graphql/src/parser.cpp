// Recursive-descent GraphQL parser, rule for rule graphql-js 16's parser.js
// (same grammar, same error texts and positions), building the ast.h tree.
// Nesting is bounded (ParseLimits::maxDepth) so that hostile input can never
// overflow the stack.
#include <algorithm>
#include <array>
#include <string>

#include "graphql/parser.h"
#include "lexer.h"

namespace kubos::graphql {

namespace {

using namespace ast;
using detail::SyntaxError;
using detail::Token;
using detail::TokenKind;

// Whatever ParseLimits says, recursion stays well inside a thread's stack
// (each level costs a few frames, larger under sanitizers).
constexpr std::uint32_t kHardMaxDepth = 1000;

bool isDirectiveLocation(std::string_view n) {
  static constexpr std::array<std::string_view, 19> kLocations = {
      "QUERY",           "MUTATION",         "SUBSCRIPTION",        "FIELD",
      "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD", "INLINE_FRAGMENT", "VARIABLE_DEFINITION",
      "SCHEMA",          "SCALAR",           "OBJECT",              "FIELD_DEFINITION",
      "ARGUMENT_DEFINITION", "INTERFACE",    "UNION",               "ENUM",
      "ENUM_VALUE",      "INPUT_OBJECT",     "INPUT_FIELD_DEFINITION"};
  return n == "DIRECTIVE_DEFINITION" ||
         std::find(kLocations.begin(), kLocations.end(), n) != kLocations.end();
}

class Parser {
 public:
  Parser(std::string_view body, const ParseLimits& limits)
      : lexer_(body),
        maxTokens_(limits.maxTokens),
        maxDepth_(std::min(limits.maxDepth, kHardMaxDepth)) {}
  ~Parser() {
    for (Node* n : stack_) delete n;  // children of lists left unfinished by a syntax error
  }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  std::uint32_t tokenCount() const { return tokenCount_; }

  // Document : Definition+
  void parseDocument(Document& doc) {
    doc.loc = {1, 1, 0, 0};
    advance();  // past <SOF>
    manyUntil(TokenKind::EndOfFile, doc.definitions, [&] { return parseDefinition(); });
    doc.loc.end = lastEnd_;
  }

  // A lone value (parseValue / parseConstValue) or type (parseType).
  Ptr<ValueNode> parseLoneValue(bool isConst) {
    advance();
    auto v = parseValueLiteral(isConst);
    expect(TokenKind::EndOfFile);
    return v;
  }
  Ptr<TypeNode> parseLoneType() {
    advance();
    auto t = parseTypeReference();
    expect(TokenKind::EndOfFile);
    return t;
  }

 private:
  // ---- token stream -------------------------------------------------------

  void advance() {
    lastEnd_ = tok_.end;
    if (hasAhead_) {
      tok_ = ahead_;
      cur_ ^= 1;
      hasAhead_ = false;
    } else {
      lexer_.next(tok_.end, tok_, bufs_[cur_]);
    }
    if (tok_.kind != TokenKind::EndOfFile && ++tokenCount_ > maxTokens_) {
      // graphql-js 16's exact wording (sic: "more that").
      fail(tok_.start,
           "Document contains more that " + std::to_string(maxTokens_) + " tokens. Parsing aborted.");
    }
  }

  // The token after the current one, without consuming anything.
  const Token& lookahead() {
    if (!hasAhead_ && tok_.kind != TokenKind::EndOfFile) {
      lexer_.next(tok_.end, ahead_, bufs_[cur_ ^ 1]);
      hasAhead_ = true;
    }
    return hasAhead_ ? ahead_ : tok_;
  }

  bool peek(TokenKind k) const { return tok_.kind == k; }

  [[noreturn]] static void fail(std::uint32_t pos, std::string message) {
    throw SyntaxError{pos, std::move(message)};
  }

  static std::string kindDesc(TokenKind k) {
    std::string s;
    if (detail::isPunctuator(k)) {
      s.push_back('"');
      s.append(detail::tokenKindText(k));
      s.push_back('"');
    } else {
      s.append(detail::tokenKindText(k));
    }
    return s;
  }
  static bool hasValue(TokenKind k) { return k >= TokenKind::Name; }
  static std::string tokenDesc(const Token& t) {
    std::string s = kindDesc(t.kind);
    if (hasValue(t.kind)) {
      s.append(" \"");
      s.append(t.value);
      s.push_back('"');
    }
    return s;
  }
  [[noreturn]] void unexpected(const Token& t) { fail(t.start, "Unexpected " + tokenDesc(t) + "."); }
  [[noreturn]] void unexpected() { unexpected(tok_); }

  void expect(TokenKind k) {
    if (tok_.kind != k) fail(tok_.start, "Expected " + kindDesc(k) + ", found " + tokenDesc(tok_) + ".");
    advance();
  }
  bool expectOptional(TokenKind k) {
    if (tok_.kind != k) return false;
    advance();
    return true;
  }
  bool isKeyword(std::string_view kw) const { return tok_.kind == TokenKind::Name && tok_.value == kw; }
  void expectKeyword(std::string_view kw) {
    if (!isKeyword(kw)) {
      fail(tok_.start, "Expected \"" + std::string(kw) + "\", found " + tokenDesc(tok_) + ".");
    }
    advance();
  }
  bool expectOptionalKeyword(std::string_view kw) {
    if (!isKeyword(kw)) return false;
    advance();
    return true;
  }

  // ---- nodes -------------------------------------------------------------

  // The items of a list are gathered on one stack shared by all lists, then
  // moved into a vector of the exact size: one allocation per list rather
  // than a regrowth at every power of two.
  template <class T>
  class Gather {
   public:
    explicit Gather(Parser& p) : p_(p), mark_(p.stack_.size()) {}
    void add(Ptr<T> n) {
      p_.stack_.push_back(nullptr);  // the step that can throw, while `n` still owns the node
      p_.stack_.back() = n.release();
    }
    void into(PtrList<T>& out) {
      auto& st = p_.stack_;
      out.reserve(out.size() + (st.size() - mark_));  // the only step that can throw
      for (std::size_t i = mark_; i < st.size(); ++i) out.emplace_back(static_cast<T*>(st[i]));
      st.resize(mark_);
    }

   private:
    Parser& p_;
    std::size_t mark_;
  };

  // graphql-js's many(): one or more items (the opener already consumed) up
  // to and including `close`.
  template <class T, class ParseOne>
  void manyUntil(TokenKind close, PtrList<T>& out, ParseOne parseOne) {
    Gather<T> items(*this);
    do {
      items.add(parseOne());
    } while (!expectOptional(close));
    items.into(out);
  }

  // graphql-js's optionalMany(): nothing unless `open` is there, then many().
  template <class T, class ParseOne>
  void optionalMany(TokenKind open, TokenKind close, PtrList<T>& out, ParseOne parseOne) {
    if (expectOptional(open)) manyUntil(close, out, parseOne);
  }

  // graphql-js's delimitedMany(): an optional leading delimiter, then one or
  // more items separated by it (`implements A & B`, `= A | B`).
  template <class T, class ParseOne>
  void delimitedMany(TokenKind delimiter, PtrList<T>& out, ParseOne parseOne) {
    expectOptional(delimiter);
    Gather<T> items(*this);
    do {
      items.add(parseOne());
    } while (expectOptional(delimiter));
    items.into(out);
  }

  Location here() const { return {tok_.line, tok_.column, tok_.start, 0}; }
  template <class T, class... A>
  Ptr<T> make(A&&... a) {
    auto n = std::make_unique<T>(std::forward<A>(a)...);
    n->loc = here();
    return n;
  }
  void finish(Node& n) const { n.loc.end = lastEnd_; }

  // Counts one level of nesting; refuses to go deeper than the limit.
  struct DepthGuard {
    Parser& p;
    explicit DepthGuard(Parser& parser) : p(parser) {
      if (++p.depth_ > p.maxDepth_) {
        p.fail(p.tok_.start, "Document is nested more than " + std::to_string(p.maxDepth_) +
                                 " levels deep. Parsing aborted.");
      }
    }
    ~DepthGuard() { --p.depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;
  };

  void parseName(Name& name) {
    name.loc = here();
    if (tok_.kind != TokenKind::Name) expect(TokenKind::Name);
    name.value = tok_.value;
    advance();
    finish(name);
  }

  // ---- definitions ---------------------------------------------------------

  Ptr<Definition> parseDefinition() {
    if (peek(TokenKind::BraceL)) return parseOperationDefinition();
    const bool hasDescription = peekDescription();
    const Token& keyword = hasDescription ? lookahead() : tok_;
    if (hasDescription && keyword.kind == TokenKind::BraceL) {
      fail(tok_.start, "Unexpected description, descriptions are not supported on shorthand queries.");
    }
    if (keyword.kind == TokenKind::Name) {
      const std::string_view v = keyword.value;
      if (v == "schema") return parseSchemaDefinition();
      if (v == "scalar") return parseTypeDefinition(Kind::ScalarTypeDefinition, "scalar");
      if (v == "type") return parseTypeDefinition(Kind::ObjectTypeDefinition, "type");
      if (v == "interface") return parseTypeDefinition(Kind::InterfaceTypeDefinition, "interface");
      if (v == "union") return parseTypeDefinition(Kind::UnionTypeDefinition, "union");
      if (v == "enum") return parseTypeDefinition(Kind::EnumTypeDefinition, "enum");
      if (v == "input") return parseTypeDefinition(Kind::InputObjectTypeDefinition, "input");
      if (v == "directive") return parseDirectiveDefinition();
      if (v == "query" || v == "mutation" || v == "subscription") return parseOperationDefinition();
      if (v == "fragment") return parseFragmentDefinition();
      if (hasDescription) {
        fail(tok_.start, "Unexpected description, only GraphQL definitions support descriptions.");
      }
      if (v == "extend") return parseTypeSystemExtension();
    }
    unexpected(keyword);
  }

  Ptr<Definition> parseOperationDefinition() {
    auto op = make<OperationDefinition>();
    if (peek(TokenKind::BraceL)) {
      op->selectionSet = parseSelectionSet();
      finish(*op);
      return op;
    }
    op->description = parseDescription();
    op->operation = parseOperationType();
    if (peek(TokenKind::Name)) parseName(op->name.emplace());
    optionalMany(TokenKind::ParenL, TokenKind::ParenR, op->variableDefinitions,
                 [&] { return parseVariableDefinition(); });
    parseDirectives(op->directives, false);
    op->selectionSet = parseSelectionSet();
    finish(*op);
    return op;
  }

  OperationType parseOperationType() {
    const Token t = tok_;
    expect(TokenKind::Name);
    if (t.value == "query") return OperationType::Query;
    if (t.value == "mutation") return OperationType::Mutation;
    if (t.value == "subscription") return OperationType::Subscription;
    unexpected(t);
  }

  Ptr<VariableDefinition> parseVariableDefinition() {
    auto def = make<VariableDefinition>();
    def->description = parseDescription();
    parseVariable(def->variable);
    expect(TokenKind::Colon);
    def->type = parseTypeReference();
    if (expectOptional(TokenKind::Equals)) def->defaultValue = parseValueLiteral(true);
    parseDirectives(def->directives, true);
    finish(*def);
    return def;
  }

  void parseVariable(Variable& var) {
    var.loc = here();
    expect(TokenKind::Dollar);
    parseName(var.name);
    finish(var);
  }

  Ptr<SelectionSet> parseSelectionSet() {
    DepthGuard guard(*this);
    auto set = make<SelectionSet>();
    expect(TokenKind::BraceL);
    manyUntil(TokenKind::BraceR, set->selections, [&] { return parseSelection(); });
    finish(*set);
    return set;
  }

  Ptr<Selection> parseSelection() {
    return peek(TokenKind::Spread) ? parseFragment() : parseField();
  }

  Ptr<Selection> parseField() {
    auto field = make<Field>();
    Name& first = field->alias.emplace();
    parseName(first);
    if (expectOptional(TokenKind::Colon)) {
      parseName(field->name);
    } else {
      field->name.value = first.value;
      field->name.loc = first.loc;
      field->alias.reset();
    }
    parseArguments(field->arguments, false);
    parseDirectives(field->directives, false);
    if (peek(TokenKind::BraceL)) field->selectionSet = parseSelectionSet();
    finish(*field);
    return field;
  }

  void parseArguments(PtrList<Argument>& out, bool isConst) {
    if (!expectOptional(TokenKind::ParenL)) return;
    Gather<Argument> args(*this);
    do {
      auto arg = make<Argument>();
      parseName(arg->name);
      expect(TokenKind::Colon);
      arg->value = parseValueLiteral(isConst);
      finish(*arg);
      args.add(std::move(arg));
    } while (!expectOptional(TokenKind::ParenR));
    args.into(out);
  }

  Ptr<Selection> parseFragment() {
    const Location start = here();
    expect(TokenKind::Spread);
    const bool hasTypeCondition = expectOptionalKeyword("on");
    if (!hasTypeCondition && peek(TokenKind::Name)) {
      auto spread = std::make_unique<FragmentSpread>();
      spread->loc = start;
      parseFragmentName(spread->name);
      parseDirectives(spread->directives, false);
      finish(*spread);
      return spread;
    }
    auto inl = std::make_unique<InlineFragment>();
    inl->loc = start;
    if (hasTypeCondition) inl->typeCondition = parseNamedType();
    parseDirectives(inl->directives, false);
    inl->selectionSet = parseSelectionSet();
    finish(*inl);
    return inl;
  }

  Ptr<Definition> parseFragmentDefinition() {
    auto frag = make<FragmentDefinition>();
    frag->description = parseDescription();
    expectKeyword("fragment");
    parseFragmentName(frag->name);
    expectKeyword("on");
    frag->typeCondition = parseNamedType();
    parseDirectives(frag->directives, false);
    frag->selectionSet = parseSelectionSet();
    finish(*frag);
    return frag;
  }

  void parseFragmentName(Name& name) {
    // graphql-js compares the value whatever the token kind.
    if (hasValue(tok_.kind) && tok_.value == "on") unexpected();
    parseName(name);
  }

  // ---- values ----------------------------------------------------------------

  Ptr<ValueNode> parseValueLiteral(bool isConst) {
    switch (tok_.kind) {
      case TokenKind::BracketL: {
        DepthGuard guard(*this);
        auto list = make<ListValue>();
        advance();
        Gather<ValueNode> values(*this);
        while (!expectOptional(TokenKind::BracketR)) values.add(parseValueLiteral(isConst));
        values.into(list->values);
        finish(*list);
        return list;
      }
      case TokenKind::BraceL: {
        DepthGuard guard(*this);
        auto obj = make<ObjectValue>();
        advance();
        Gather<ObjectField> fields(*this);
        while (!expectOptional(TokenKind::BraceR)) {
          auto field = make<ObjectField>();
          parseName(field->name);
          expect(TokenKind::Colon);
          field->value = parseValueLiteral(isConst);
          finish(*field);
          fields.add(std::move(field));
        }
        fields.into(obj->fields);
        finish(*obj);
        return obj;
      }
      case TokenKind::Int: {
        auto v = make<IntValue>();
        v->value = tok_.value;
        advance();
        finish(*v);
        return v;
      }
      case TokenKind::Float: {
        auto v = make<FloatValue>();
        v->value = tok_.value;
        advance();
        finish(*v);
        return v;
      }
      case TokenKind::String:
      case TokenKind::BlockString:
        return parseStringLiteral();
      case TokenKind::Name: {
        const std::string_view name = tok_.value;
        const Location start = here();
        advance();
        Ptr<ValueNode> v;
        if (name == "true" || name == "false") {
          auto b = std::make_unique<BooleanValue>();
          b->value = name == "true";
          v = std::move(b);
        } else if (name == "null") {
          v = std::make_unique<NullValue>();
        } else {
          auto e = std::make_unique<EnumValue>();
          e->value = name;
          v = std::move(e);
        }
        v->loc = start;
        finish(*v);
        return v;
      }
      case TokenKind::Dollar: {
        if (isConst) {
          const Token dollar = tok_;
          advance();
          if (tok_.kind == TokenKind::Name) {
            fail(dollar.start, "Unexpected variable \"$" + std::string(tok_.value) + "\" in constant value.");
          }
          unexpected(dollar);
        }
        auto var = std::make_unique<Variable>();
        parseVariable(*var);
        return var;
      }
      default:
        unexpected();
    }
  }

  Ptr<StringValue> parseStringLiteral() {
    auto s = make<StringValue>();
    s->value.assign(tok_.value);  // copy before advance() reuses the buffer
    s->block = tok_.kind == TokenKind::BlockString;
    advance();
    finish(*s);
    return s;
  }

  void parseDirectives(PtrList<Directive>& out, bool isConst) {
    if (!peek(TokenKind::At)) return;
    Gather<Directive> dirs(*this);
    while (peek(TokenKind::At)) {
      auto dir = make<Directive>();
      advance();
      parseName(dir->name);
      parseArguments(dir->arguments, isConst);
      finish(*dir);
      dirs.add(std::move(dir));
    }
    dirs.into(out);
  }

  // ---- types -------------------------------------------------------------------

  Ptr<TypeNode> parseTypeReference() {
    const Location start = here();
    Ptr<TypeNode> type;
    if (peek(TokenKind::BracketL)) {
      DepthGuard guard(*this);
      advance();
      auto list = std::make_unique<ListType>();
      list->loc = start;
      list->type = parseTypeReference();
      expect(TokenKind::BracketR);
      finish(*list);
      type = std::move(list);
    } else {
      type = parseNamedType();
    }
    if (expectOptional(TokenKind::Bang)) {
      auto nonNull = std::make_unique<NonNullType>();
      nonNull->loc = start;
      nonNull->type = std::move(type);
      finish(*nonNull);
      return nonNull;
    }
    return type;
  }

  Ptr<NamedType> parseNamedType() {
    auto t = make<NamedType>();
    parseName(t->name);
    finish(*t);
    return t;
  }

  // ---- type system -------------------------------------------------------------

  bool peekDescription() const { return peek(TokenKind::String) || peek(TokenKind::BlockString); }
  Ptr<StringValue> parseDescription() { return peekDescription() ? parseStringLiteral() : nullptr; }

  Ptr<Definition> parseSchemaDefinition() {
    auto def = make<SchemaDefinition>();
    def->description = parseDescription();
    expectKeyword("schema");
    parseDirectives(def->directives, true);
    expect(TokenKind::BraceL);
    manyUntil(TokenKind::BraceR, def->operationTypes, [&] { return parseOperationTypeDefinition(); });
    finish(*def);
    return def;
  }

  Ptr<OperationTypeDefinition> parseOperationTypeDefinition() {
    auto def = make<OperationTypeDefinition>();
    def->operation = parseOperationType();
    expect(TokenKind::Colon);
    def->type = parseNamedType();
    finish(*def);
    return def;
  }

  // The body shared by a type definition (after its description and keyword)
  // and a type extension (after `extend` and the keyword).
  void parseTypeBody(TypeDefinitionOrExtension& def, Kind definitionKind) {
    parseName(def.name);
    switch (definitionKind) {
      case Kind::ObjectTypeDefinition:
      case Kind::InterfaceTypeDefinition:
        if (expectOptionalKeyword("implements"))
          delimitedMany(TokenKind::Amp, def.interfaces, [&] { return parseNamedType(); });
        parseDirectives(def.directives, true);
        optionalMany(TokenKind::BraceL, TokenKind::BraceR, def.fields, [&] { return parseFieldDefinition(); });
        break;
      case Kind::UnionTypeDefinition:
        parseDirectives(def.directives, true);
        if (expectOptional(TokenKind::Equals))
          delimitedMany(TokenKind::Pipe, def.types, [&] { return parseNamedType(); });
        break;
      case Kind::EnumTypeDefinition:
        parseDirectives(def.directives, true);
        optionalMany(TokenKind::BraceL, TokenKind::BraceR, def.values, [&] { return parseEnumValueDefinition(); });
        break;
      case Kind::InputObjectTypeDefinition:
        parseDirectives(def.directives, true);
        optionalMany(TokenKind::BraceL, TokenKind::BraceR, def.inputFields,
                     [&] { return parseInputValueDefinition(); });
        break;
      default:  // scalar
        parseDirectives(def.directives, true);
        break;
    }
  }

  Ptr<Definition> parseTypeDefinition(Kind kind, std::string_view keyword) {
    auto def = make<TypeDefinitionOrExtension>(kind);
    def->description = parseDescription();
    expectKeyword(keyword);
    parseTypeBody(*def, kind);
    finish(*def);
    return def;
  }

  Ptr<FieldDefinition> parseFieldDefinition() {
    auto def = make<FieldDefinition>();
    def->description = parseDescription();
    parseName(def->name);
    parseArgumentDefs(def->arguments);
    expect(TokenKind::Colon);
    def->type = parseTypeReference();
    parseDirectives(def->directives, true);
    finish(*def);
    return def;
  }

  void parseArgumentDefs(PtrList<InputValueDefinition>& out) {
    optionalMany(TokenKind::ParenL, TokenKind::ParenR, out, [&] { return parseInputValueDefinition(); });
  }

  Ptr<InputValueDefinition> parseInputValueDefinition() {
    auto def = make<InputValueDefinition>();
    def->description = parseDescription();
    parseName(def->name);
    expect(TokenKind::Colon);
    def->type = parseTypeReference();
    if (expectOptional(TokenKind::Equals)) def->defaultValue = parseValueLiteral(true);
    parseDirectives(def->directives, true);
    finish(*def);
    return def;
  }

  Ptr<EnumValueDefinition> parseEnumValueDefinition() {
    auto def = make<EnumValueDefinition>();
    def->description = parseDescription();
    if (hasValue(tok_.kind) && (tok_.value == "true" || tok_.value == "false" || tok_.value == "null")) {
      fail(tok_.start, tokenDesc(tok_) + " is reserved and cannot be used for an enum value.");
    }
    parseName(def->name);
    parseDirectives(def->directives, true);
    finish(*def);
    return def;
  }

  Ptr<Definition> parseTypeSystemExtension() {
    const Token& keyword = lookahead();
    if (keyword.kind == TokenKind::Name) {
      const std::string_view v = keyword.value;
      if (v == "schema") return parseSchemaExtension();
      if (v == "scalar") return parseTypeExtension(Kind::ScalarTypeExtension, Kind::ScalarTypeDefinition);
      if (v == "type") return parseTypeExtension(Kind::ObjectTypeExtension, Kind::ObjectTypeDefinition);
      if (v == "interface") {
        return parseTypeExtension(Kind::InterfaceTypeExtension, Kind::InterfaceTypeDefinition);
      }
      if (v == "union") return parseTypeExtension(Kind::UnionTypeExtension, Kind::UnionTypeDefinition);
      if (v == "enum") return parseTypeExtension(Kind::EnumTypeExtension, Kind::EnumTypeDefinition);
      if (v == "input") {
        return parseTypeExtension(Kind::InputObjectTypeExtension, Kind::InputObjectTypeDefinition);
      }
    }
    unexpected(keyword);
  }

  Ptr<Definition> parseSchemaExtension() {
    auto ext = make<SchemaExtension>();
    expectKeyword("extend");
    expectKeyword("schema");
    parseDirectives(ext->directives, true);
    optionalMany(TokenKind::BraceL, TokenKind::BraceR, ext->operationTypes,
                 [&] { return parseOperationTypeDefinition(); });
    if (ext->directives.empty() && ext->operationTypes.empty()) unexpected();
    finish(*ext);
    return ext;
  }

  Ptr<Definition> parseTypeExtension(Kind kind, Kind definitionKind) {
    auto ext = make<TypeDefinitionOrExtension>(kind);
    expectKeyword("extend");
    advance();  // the keyword, already checked by parseTypeSystemExtension
    parseTypeBody(*ext, definitionKind);
    // An extension must add something.
    if (ext->interfaces.empty() && ext->directives.empty() && ext->fields.empty() && ext->types.empty() &&
        ext->values.empty() && ext->inputFields.empty()) {
      unexpected();
    }
    finish(*ext);
    return ext;
  }

  Ptr<Definition> parseDirectiveDefinition() {
    auto def = make<DirectiveDefinition>();
    def->description = parseDescription();
    expectKeyword("directive");
    expect(TokenKind::At);
    parseName(def->name);
    parseArgumentDefs(def->arguments);
    def->repeatable = expectOptionalKeyword("repeatable");
    expectKeyword("on");
    // ast::Name can be neither copied nor moved: collect, then size once.
    struct Loc {
      std::string_view value;
      Location loc;
    };
    std::vector<Loc> locations;
    expectOptional(TokenKind::Pipe);
    do {
      const Token start = tok_;
      Name name;
      parseName(name);
      if (!isDirectiveLocation(name.value)) unexpected(start);
      locations.push_back({name.value, name.loc});
    } while (expectOptional(TokenKind::Pipe));
    def->locations = std::vector<Name>(locations.size());
    for (std::size_t i = 0; i < locations.size(); ++i) {
      def->locations[i].value = locations[i].value;
      def->locations[i].loc = locations[i].loc;
    }
    finish(*def);
    return def;
  }

  detail::Lexer lexer_;
  std::vector<Node*> stack_;  // owned nodes being gathered into lists (see Gather)
  Token tok_;    // current token
  Token ahead_;  // the lookahead token, when hasAhead_
  bool hasAhead_ = false;
  // Decoded string values: bufs_[cur_] backs tok_, the other one ahead_.
  std::array<std::string, 2> bufs_;
  unsigned cur_ = 0;
  std::uint32_t lastEnd_ = 0;  // end of the last consumed token
  std::uint32_t tokenCount_ = 0;
  std::uint32_t maxTokens_;
  std::uint32_t maxDepth_;
  std::uint32_t depth_ = 0;
};

GraphQLError toError(std::string_view body, const SyntaxError& e) {
  const detail::LineColumn lc = detail::locateOffset(body, e.position);
  return GraphQLError("Syntax Error: " + e.message, {{lc.line, lc.column}});
}

// Common frame of the parse entry points: owns the source, checks its size,
// runs `body` and turns a syntax error into a GraphQLError.
template <class F>
ParseResult runParser(std::string source, const ParseLimits& limits, F&& body) {
  ParseResult result;
  auto doc = std::make_unique<Document>();
  doc->source = std::make_unique<const std::string>(std::move(source));
  const std::string_view text = *doc->source;
  // Offsets are 32-bit: anything near 4 GiB is refused whatever the limit.
  const std::size_t maxBytes = std::min<std::size_t>(limits.maxSourceBytes, 0xFFFFFFF0u);
  if (text.size() > maxBytes) {
    const SyntaxError e{static_cast<std::uint32_t>(maxBytes),
                        "Source contains more than " + std::to_string(maxBytes) + " bytes. Parsing aborted."};
    result.error = toError(text, e);
    return result;
  }
  try {
    Parser parser(text, limits);
    body(parser, *doc);
    doc->tokenCount = parser.tokenCount();
    result.document = std::move(doc);
  } catch (const SyntaxError& e) {
    result.error = toError(text, e);
  }
  return result;
}

}  // namespace

ParseResult parse(std::string source, const ParseLimits& limits) {
  return runParser(std::move(source), limits, [](Parser& p, Document& doc) { p.parseDocument(doc); });
}

ParseResult parseValueDocument(std::string source, const ParseLimits& limits, bool constOnly) {
  return runParser(std::move(source), limits, [constOnly](Parser& p, Document& doc) {
    doc.value = p.parseLoneValue(constOnly);
    doc.loc = doc.value->loc;
  });
}

ParseResult parseTypeDocument(std::string source, const ParseLimits& limits) {
  return runParser(std::move(source), limits, [](Parser& p, Document& doc) {
    doc.type = p.parseLoneType();
    doc.loc = doc.type->loc;
  });
}

}  // namespace kubos::graphql
