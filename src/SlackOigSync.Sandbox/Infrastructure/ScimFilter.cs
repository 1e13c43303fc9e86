namespace SlackOigSync.Sandbox.Infrastructure;

/// <summary>
/// The small SCIM-style filter language Okta's list endpoints accept: <c>attr eq "value"</c> (and <c>sw</c>),
/// joined by AND / OR (AND binds tighter) with parentheses. Parsing failures raise <see cref="FormatException"/>.
/// </summary>
public sealed class ScimFilter
{
    private readonly Node _root;

    private ScimFilter(Node root) => _root = root;

    public static ScimFilter Parse(string text) => Parse(text, bareEnumValues: false);

    /// <param name="bareEnumValues">
    /// Also accept unquoted enum values (<c>scheduleType eq ONE_OFF</c>), as Okta's campaign filter examples write them.
    /// </param>
    public static ScimFilter Parse(string text, bool bareEnumValues)
    {
        var parser = new Parser(Tokenize(text), bareEnumValues);
        var root = parser.ParseOr();
        if (!parser.AtEnd)
        {
            throw new FormatException($"Unexpected '{parser.Peek}' in filter.");
        }

        return new ScimFilter(root);
    }

    /// <summary>Every attribute the filter names, so endpoints can reject the ones they do not support.</summary>
    public IEnumerable<string> Attributes => _root.Attributes();

    /// <summary>The value of the first <c>attr eq "…"</c> comparison for <paramref name="attribute"/>, if any.</summary>
    public string? EqualityValue(string attribute) => _root.EqualityValue(attribute);

    /// <param name="resolve">The values an item has for an attribute (several for multi-valued attributes).</param>
    public bool Matches(Func<string, IEnumerable<string?>> resolve, StringComparison comparison) => _root.Evaluate(resolve, comparison);

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c == '"')
            {
                // A SCIM string is a JSON string (RFC 7644 §3.4.2.2): \" and \\ do not end it.
                var end = i + 1;
                while (end < text.Length && text[end] != '"')
                {
                    end += text[end] == '\\' ? 2 : 1;
                }

                if (end >= text.Length)
                {
                    throw new FormatException("Unterminated string in filter.");
                }

                tokens.Add(text[i..(end + 1)]);
                i = end + 1;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not '(' and not ')' and not '"')
                {
                    i++;
                }

                tokens.Add(text[start..i]);
            }
        }

        return tokens;
    }

    private abstract record Node
    {
        public abstract bool Evaluate(Func<string, IEnumerable<string?>> resolve, StringComparison comparison);

        public abstract IEnumerable<string> Attributes();

        public abstract string? EqualityValue(string attribute);
    }

    private sealed record Comparison(string Attribute, string Operator, string Value) : Node
    {
        public override bool Evaluate(Func<string, IEnumerable<string?>> resolve, StringComparison comparison) =>
            resolve(Attribute).Any(v => v is not null && (Operator == "eq"
                ? string.Equals(v, Value, comparison)
                : v.StartsWith(Value, comparison)));

        public override IEnumerable<string> Attributes() => [Attribute];

        public override string? EqualityValue(string attribute) => Operator == "eq" && Attribute == attribute ? Value : null;
    }

    private sealed record Logical(bool IsAnd, Node Left, Node Right) : Node
    {
        public override bool Evaluate(Func<string, IEnumerable<string?>> resolve, StringComparison comparison) => IsAnd
            ? Left.Evaluate(resolve, comparison) && Right.Evaluate(resolve, comparison)
            : Left.Evaluate(resolve, comparison) || Right.Evaluate(resolve, comparison);

        public override IEnumerable<string> Attributes() => Left.Attributes().Concat(Right.Attributes());

        public override string? EqualityValue(string attribute) => Left.EqualityValue(attribute) ?? Right.EqualityValue(attribute);
    }

    private sealed class Parser(List<string> tokens, bool bareEnumValues)
    {
        private int _position;

        public bool AtEnd => _position >= tokens.Count;

        public string Peek => AtEnd ? "end of filter" : tokens[_position];

        public Node ParseOr()
        {
            var left = ParseAnd();
            while (!AtEnd && tokens[_position].Equals("OR", StringComparison.OrdinalIgnoreCase))
            {
                _position++;
                left = new Logical(false, left, ParseAnd());
            }

            return left;
        }

        private Node ParseAnd()
        {
            var left = ParsePrimary();
            while (!AtEnd && tokens[_position].Equals("AND", StringComparison.OrdinalIgnoreCase))
            {
                _position++;
                left = new Logical(true, left, ParsePrimary());
            }

            return left;
        }

        private Node ParsePrimary()
        {
            if (Peek == "(")
            {
                _position++;
                var inner = ParseOr();
                Expect(")");
                return inner;
            }

            var attribute = Next("an attribute");
            var op = Next("an operator").ToLowerInvariant();
            if (op is not ("eq" or "sw"))
            {
                throw new FormatException($"Unsupported operator '{op}'.");
            }

            var value = Next("a quoted value");
            if (bareEnumValues && value.Length > 0 && value.All(c => c is (>= 'A' and <= 'Z') or '_'))
            {
                return new Comparison(attribute, op, value);
            }

            if (value.Length < 2 || value[0] != '"' || value[^1] != '"')
            {
                throw new FormatException($"Expected a quoted value after '{attribute} {op}', found '{value}'.");
            }

            return new Comparison(attribute, op, Unescape(value[1..^1]));
        }

        /// <summary>The JSON escapes a quoted SCIM value may carry (\" \\ \/ and the letter escapes); anything else is refused.</summary>
        private static string Unescape(string quoted)
        {
            if (!quoted.Contains('\\', StringComparison.Ordinal))
            {
                return quoted;
            }

            try
            {
                return System.Text.Json.JsonSerializer.Deserialize<string>("\"" + quoted + "\"")!;
            }
            catch (System.Text.Json.JsonException)
            {
                throw new FormatException($"Invalid escape in the quoted value \"{quoted}\".");
            }
        }

        private string Next(string what)
        {
            if (AtEnd || tokens[_position] is "(" or ")")
            {
                throw new FormatException($"Expected {what}, found {Peek}.");
            }

            return tokens[_position++];
        }

        private void Expect(string token)
        {
            if (Peek != token)
            {
                throw new FormatException($"Expected '{token}', found {Peek}.");
            }

            _position++;
        }
    }
}
