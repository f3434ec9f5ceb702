using System.Collections;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Bastion.Core.Secrets;

/// <summary>
/// Removes secrets from text and JSON before it leaves Bastion or reaches the audit log: exact values Bastion knows
/// (configured credentials, secret-looking environment variables) and well-known shapes of secrets. Each is
/// replaced by <c>[REDACTED:&lt;kind&gt;]</c>; around key/value forms the key is kept.
/// </summary>
/// <remarks>
/// <para>Kinds: <c>private_key</c>, <c>pgp_private_key</c>, <c>known_secret</c>, <c>authorization</c>,
/// <c>connection_string</c>, <c>aws_secret_access_key</c>, <c>password</c>, <c>secret</c>, <c>token</c>,
/// <c>api_key</c>, <c>access_key</c>, <c>bearer_token</c>, <c>aws_access_key_id</c>, <c>github_token</c>,
/// <c>slack_token</c>, <c>jwt</c>.</para>
/// <para>Patterns are source-generated regular expressions written without nested ambiguous repetition, with a
/// timeout. Should one time out, the whole text is withheld as <c>[REDACTED:unscannable]</c> rather than returned
/// partly scanned. Key/value forms are deliberately narrow so that ordinary output (<c>passwd: password updated
/// successfully</c>, <c>tokens: 42</c>, <c>PWD=/root</c> in an environment listing) is left alone.</para>
/// <para>Thread-safe: known secrets can be added while other threads redact.</para>
/// </remarks>
public sealed partial class Redactor
{
    /// <summary>Known secrets shorter than this are ignored: they would match ordinary text.</summary>
    public const int MinimumSecretLength = 6;

    private const int TimeoutMilliseconds = 2000;
    private const string Unscannable = "[REDACTED:unscannable]";

    private static readonly string[] _secretVariableWords = ["TOKEN", "SECRET", "PASSWORD", "PASSWD", "API_KEY", "APIKEY", "PRIVATE_KEY", "CREDENTIAL"];
    private static readonly string[] _pathVariableSuffixes = ["_FILE", "_PATH", "_DIR", "_DIRECTORY", "_SOCK", "_SOCKET"];
    private static readonly HashSet<string> _placeholders = new(StringComparer.OrdinalIgnoreCase) { "null", "none", "nil", "true", "false", "undefined" };

    /// <summary>Longest text <see cref="Shapeless"/> keeps.</summary>
    private const int ShapelessMaxLength = 64;

    /// <summary>Most texts <see cref="Shapeless"/> keeps; it starts again empty when full.</summary>
    private const int ShapelessCapacity = 4096;

    /// <summary>
    /// Short texts in which no pattern found anything (and no known value was found either, the one time they were
    /// scanned): the patterns depend on the text alone, so they are not run on these again; the known values, which can
    /// be added at any time, still are. Shared by every redactor, bounded.
    /// </summary>
    private static readonly ConcurrentDictionary<string, bool> Shapeless = new(StringComparer.Ordinal);

    private readonly Lock _sync = new();
    private volatile KnownSecretSet _known = KnownSecretSet.Empty;

    public Redactor(IEnumerable<string>? knownSecrets = null)
    {
        if (knownSecrets is not null)
        {
            _known = _known.With(Usable(knownSecrets));
        }
    }

    /// <summary>How many distinct known secrets are held.</summary>
    public int KnownSecretCount => _known.Count;

    /// <summary>
    /// Adds an exact value to replace wherever it occurs, raw or JSON-escaped. Values shorter than
    /// <see cref="MinimumSecretLength"/> characters are ignored.
    /// </summary>
    public void AddKnownSecret(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var usable = Usable([value]).ToList();
        if (usable.Count == 0)
        {
            return;
        }

        lock (_sync)
        {
            _known = _known.With(usable);
        }
    }

    /// <summary>A redactor that knows the values of environment variables whose names look like they hold secrets.</summary>
    /// <remarks>
    /// Names containing TOKEN, SECRET, PASSWORD, PASSWD, API_KEY, APIKEY, PRIVATE_KEY or CREDENTIAL (any case),
    /// except names ending in _FILE, _PATH, _DIR, _DIRECTORY, _SOCK or _SOCKET, which hold paths
    /// (systemd's CREDENTIALS_DIRECTORY, for one) rather than secrets.
    /// </remarks>
    public static Redactor FromEnvironment()
    {
        var values = new List<string>();
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string name && variable.Value is string value && IsSecretVariable(name))
            {
                values.Add(value);
            }
        }

        return new Redactor(values);
    }

    /// <summary>Whether an environment variable's name says it holds a secret.</summary>
    public static bool IsSecretVariable(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _secretVariableWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase))
            && !_pathVariableSuffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// <paramref name="text"/> with only the exact values Bastion knows (vault values, keys, issued tokens) replaced by
    /// <c>[REDACTED:known_secret]</c>: for a result whose purpose is to carry other secrets, which the shape-based
    /// patterns would remove.
    /// </summary>
    public string RedactKnownSecrets(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _known.Replace(text, Marker("known_secret"));
    }

    /// <summary>
    /// How a value known to be secret is shown: an absolute URL keeps its scheme and host (where it goes) and hides the
    /// rest (<c>https://hooks.example.com/***</c>); anything else becomes <c>***</c>.
    /// </summary>
    public static string HideValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Authority.Length > 0 ? $"{uri.Scheme}://{uri.Authority}/***" : "***";
    }

    /// <summary><paramref name="text"/> with every secret found replaced by <c>[REDACTED:&lt;kind&gt;]</c>.</summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return text;
        }

        // A time stamp (history answers carry hundreds) has no secret's shape: only the known values are looked for.
        if (IsTimestamp(text))
        {
            return RedactKnownSecrets(text);
        }

        // Nor has a short text the patterns found nothing in before (host names, sources, units: every answer carries
        // the same few); its known values are still looked for, as those can be added at any time.
        if (text.Length <= ShapelessMaxLength && Shapeless.ContainsKey(text) && RedactKnownSecrets(text) == text)
        {
            return text;
        }

        try
        {
            var result = PrivateKeyPattern().Replace(text, static m => Marker(m.Groups["label"].Value.Contains("PGP", StringComparison.Ordinal) ? "pgp_private_key" : "private_key"));
            result = RedactKnownSecrets(result);
            result = RedactConfigShapes(result);
            result = AuthorizationPattern().Replace(result, static m => ReplaceValue(m, "authorization", trimEnd: true));
            result = UrlPasswordPattern().Replace(result, static m => ReplaceValue(m, "connection_string", trimEnd: false));
            result = AdoPasswordPattern().Replace(result, static m =>
                m.Groups["semi"].Success || m.Groups["end"].Success ? ReplaceValue(m, "connection_string", trimEnd: true) : m.Value);
            result = AwsSecretPattern().Replace(result, static m => ReplaceValue(m, "aws_secret_access_key", trimEnd: false));
            result = AssignmentPattern().Replace(result, static m => ReplaceValue(m, KindOfKey(m.Groups["key"].Value), trimEnd: false));
            result = LeadingKeyColonPattern().Replace(result, static m => ReplaceValue(m, KindOfKey(m.Groups["key"].Value), trimEnd: true));
            result = QuotedKeyColonPattern().Replace(result, static m => ReplaceValue(m, KindOfKey(m.Groups["key"].Value), trimEnd: false));
            result = UnicodeQuotedKeyColonPattern().Replace(result, static m => ReplaceValue(m, KindOfKey(m.Groups["key"].Value), trimEnd: false));
            result = BearerPattern().Replace(result, static m =>
                m.Groups["value"].Value.Any(c => !char.IsAsciiLetter(c)) ? ReplaceValue(m, "bearer_token", trimEnd: false) : m.Value);
            result = AwsAccessKeyIdPattern().Replace(result, Marker("aws_access_key_id"));
            result = GitHubTokenPattern().Replace(result, Marker("github_token"));
            result = SlackTokenPattern().Replace(result, Marker("slack_token"));
            result = JwtPattern().Replace(result, Marker("jwt"));
            if (text.Length <= ShapelessMaxLength && result == text)
            {
                RememberShapeless(text);
            }

            return result;
        }
        catch (RegexMatchTimeoutException)
        {
            return Unscannable;
        }
    }

    private static void RememberShapeless(string text)
    {
        if (Shapeless.Count >= ShapelessCapacity)
        {
            Shapeless.Clear();
        }

        Shapeless.TryAdd(text, true);
    }

    /// <summary>
    /// Whether <paramref name="text"/> is a date and time in ISO 8601 extended form as .NET writes it
    /// (<c>2026-12-06T12:00:00+00:00</c>, fractions and <c>Z</c> allowed): digits, dashes, colons, a dot and a <c>T</c>,
    /// which no shape pattern matches (each needs a key word, a prefix, base64 or four colon-separated fields).
    /// </summary>
    private static bool IsTimestamp(string text) =>
        text.Length is >= 20 and <= 33 && text[4] == '-' && text[10] == 'T'
        && DateTimeOffset.TryParseExact(text, "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFK", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _);

    /// <summary>
    /// A copy of <paramref name="node"/> in which every string value is redacted as <see cref="Redact(string)"/>
    /// does, and the string value of every property whose name says it holds a secret (<c>password</c>,
    /// <c>db_password</c>, <c>apiKey</c>, <c>client_secret</c>, <c>Authorization</c>, ...) is replaced whole.
    /// Property names are kept. Known values are also looked for across string values, in document order: a value
    /// returned one character per array element, or split over several properties, is caught too.
    /// </summary>
    public JsonNode? Redact(JsonNode? node) => RedactAcrossStrings(RedactTree(node));

    /// <summary>
    /// Whether <see cref="Redact(JsonNode?)"/> would leave <paramref name="element"/> as it is: no string value holds a
    /// secret, no property named like a secret holds a string, and no known value spans several strings. Read-only; a
    /// clean answer (most are) then needs no copy. False whenever in doubt, so a caller falls back to the copy.
    /// </summary>
    public bool IsClean(JsonElement element)
    {
        var strings = _known.Count == 0 ? null : new StringBuilder();
        if (!IsCleanTree(element, strings))
        {
            return false;
        }

        return strings is null || _known.FindFragments(strings.ToString()).Count == 0;
    }

    private bool IsCleanTree(JsonElement element, StringBuilder? strings)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: > 0 } text
                        && SensitiveKeyPattern().IsMatch(property.Name) && !text.Contains("[REDACTED:", StringComparison.Ordinal))
                    {
                        return false;
                    }

                    if (!IsCleanTree(property.Value, strings))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (!IsCleanTree(item, strings))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.String:
                var value = element.GetString()!;
                strings?.Append(value).Append('\n');
                return value.Length == 0 || Redact(value) == value;
            default:
                return true;
        }
    }

    /// <summary>
    /// A copy of <paramref name="node"/> in which only the values Bastion knows are replaced, as
    /// <see cref="RedactKnownSecrets(string)"/> does, in every string value and across string values.
    /// </summary>
    public JsonNode? RedactKnownSecrets(JsonNode? node)
    {
        var copy = node?.DeepClone();
        foreach (var leaf in StringLeaves(copy).ToList())
        {
            var text = leaf.GetValue<string>();
            var redacted = RedactKnownSecrets(text);
            if (!ReferenceEquals(redacted, text) && redacted != text)
            {
                Replace(leaf, redacted, ref copy);
            }
        }

        return RedactAcrossStrings(copy);
    }

    private JsonNode? RedactTree(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var copy = new JsonObject(obj.Options);
                foreach (var (name, child) in obj)
                {
                    copy[name] = child is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 && SensitiveKeyPattern().Match(name) is { Success: true } key
                        ? JsonValue.Create(text.Contains("[REDACTED:", StringComparison.Ordinal) ? text : Marker(KindOfKey(key.Groups["key"].Value)))
                        : RedactTree(child);
                }

                return copy;
            case JsonArray array:
                // A private key printed line by line (logs_tail's lines) spans elements: once a BEGIN line opens a key
                // that it does not close, the elements that follow are key material up to the END line.
                var items = new JsonArray(array.Options);
                var inKey = false;
                foreach (var item in array)
                {
                    if (item is JsonValue line && line.GetValueKind() == JsonValueKind.String && line.TryGetValue<string>(out var element))
                    {
                        if (inKey)
                        {
                            items.Add((JsonNode?)JsonValue.Create(Marker("private_key")));
                            inKey = !KeyEnd().IsMatch(element);
                            continue;
                        }

                        items.Add((JsonNode?)JsonValue.Create(Redact(element)));
                        inKey = KeyBegin().IsMatch(element) && !KeyEnd().IsMatch(element);
                        continue;
                    }

                    inKey = false;
                    items.Add(RedactTree(item));
                }

                return items;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String && value.TryGetValue<string>(out var text):
                return JsonValue.Create(Redact(text));
            default:
                return node.DeepClone();
        }
    }

    /// <summary>
    /// <paramref name="node"/> (changed in place) with each known value that spans several string values replaced: the
    /// strings are read in document order as lines of one text, and each string that holds part of a span found in it
    /// has that part replaced by the marker.
    /// </summary>
    private JsonNode? RedactAcrossStrings(JsonNode? node)
    {
        var known = _known;
        if (node is null || known.Count == 0)
        {
            return node;
        }

        var leaves = StringLeaves(node).ToList();
        if (leaves.Count < 2)
        {
            return node;
        }

        var texts = leaves.Select(l => l.GetValue<string>()).ToList();
        var starts = new int[texts.Count];
        var joined = new StringBuilder();
        for (var i = 0; i < texts.Count; i++)
        {
            starts[i] = joined.Length;
            joined.Append(texts[i]).Append('\n');
        }

        var spans = known.FindFragments(joined.ToString());
        if (spans.Count == 0)
        {
            return node;
        }

        for (var i = 0; i < texts.Count; i++)
        {
            var (from, to) = (starts[i], starts[i] + texts[i].Length);
            var local = spans.Where(s => s.Start < to && s.End > from).Select(s => (Math.Max(s.Start, from) - from, Math.Min(s.End, to) - from)).ToList();
            if (local.Count > 0)
            {
                Replace(leaves[i], KnownSecretSet.ReplaceSpans(texts[i], _ => local, Marker("known_secret")), ref node);
            }
        }

        return node;
    }

    /// <summary>The string values under <paramref name="node"/>, in document order.</summary>
    private static IEnumerable<JsonValue> StringLeaves(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    foreach (var leaf in StringLeaves(child))
                    {
                        yield return leaf;
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    foreach (var leaf in StringLeaves(child))
                    {
                        yield return leaf;
                    }
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                yield return value;
                break;
        }
    }

    /// <summary>Puts <paramref name="text"/> where <paramref name="leaf"/> is (or makes it the root).</summary>
    private static void Replace(JsonValue leaf, string text, ref JsonNode? root)
    {
        if (leaf.Parent is null)
        {
            root = JsonValue.Create(text);
        }
        else
        {
            // In its parent's slot: JsonNode.ReplaceWith<T> is not trim-safe.
            var value = JsonValue.Create(text);
            switch (leaf.Parent)
            {
                case JsonObject parent:
                    parent[leaf.GetPropertyName()] = value;
                    break;
                case JsonArray parent:
                    parent[leaf.GetElementIndex()] = value;
                    break;
            }
        }
    }

    private static IEnumerable<string> Usable(IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }

            if (value.Length >= MinimumSecretLength)
            {
                yield return value;
            }

            var trimmed = value.Trim();
            if (trimmed.Length != value.Length && trimmed.Length >= MinimumSecretLength)
            {
                yield return trimmed;
            }
        }
    }

    private static string Marker(string kind) => $"[REDACTED:{kind}]";

    /// <summary>
    /// The match with its <c>value</c> group replaced by a marker, keeping quotes around it; the match unchanged when
    /// the value is empty, a placeholder (null, none, true, ...), a variable reference ($VAR) or already redacted.
    /// </summary>
    private static string ReplaceValue(Match match, string kind, bool trimEnd)
    {
        var group = match.Groups["value"];
        var value = group.Value;
        var content = trimEnd ? value.TrimEnd() : value;
        var inner = content.Length >= 2 && content[0] is '"' or '\'' && content[^1] == content[0] ? content[1..^1]
            : content.StartsWith("\\\"", StringComparison.Ordinal) && content.EndsWith("\\\"", StringComparison.Ordinal) && content.Length >= 4 ? content[2..^2]
            : content;
        if (inner.Length == 0
            || _placeholders.Contains(inner)
            || inner.Contains("[REDACTED:", StringComparison.Ordinal)
            || VariableReferencePattern().IsMatch(inner))
        {
            return match.Value;
        }

        var quote = content[..((content.Length - inner.Length) / 2)];
        var start = group.Index - match.Index;
        return $"{match.Value[..start]}{quote}{Marker(kind)}{quote}{value[content.Length..]}{match.Value[(start + value.Length)..]}";
    }

    private static string KindOfKey(string key)
    {
        var k = key.ToLowerInvariant();
        return k.EndsWith("authorization", StringComparison.Ordinal) ? "authorization"
            : k.Contains("pass", StringComparison.Ordinal) || k.EndsWith("pwd", StringComparison.Ordinal) || k.EndsWith("psk", StringComparison.Ordinal) ? "password"
            : k.Contains("api", StringComparison.Ordinal) ? "api_key"
            : k.Contains("access", StringComparison.Ordinal) ? "access_key"
            : k.Contains("token", StringComparison.Ordinal) ? "token"
            : k.Contains("private", StringComparison.Ordinal) ? "private_key"
            : k.Contains("credential", StringComparison.Ordinal) ? "credential"
            : "secret";
    }

    /// <summary>
    /// A PEM or PGP private key, up to its END line (never across another <c>-----</c> line). When the block is cut off (no END line), it runs through armor
    /// headers (Proc-Type:, DEK-Info:, Version:, ...), then whole base64 lines of 40 or more characters, then at most
    /// one shorter base64 line (the last, or cut, one). Lines may be separated by real newlines or by <c>\n</c>
    /// escapes (a key inside a JSON string).
    /// </summary>
    [GeneratedRegex(@"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----", RegexOptions.None, TimeoutMilliseconds)]
    private static partial Regex KeyBegin();

    [GeneratedRegex(@"-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----", RegexOptions.None, TimeoutMilliseconds)]
    private static partial Regex KeyEnd();

    [GeneratedRegex(
        @"-----BEGIN (?<label>(?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----(?:(?:[^-]|-(?!----)){0,65536}?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----" +
        @"|(?:(?:\r?\n|\\r\\n|\\n)(?:Proc-Type|DEK-Info|Version|Comment|Hash|Charset):[^\r\n\\]*)*" +
        @"(?:(?:\r?\n|\\r\\n|\\n)(?=\r?\n|\\r\\n|\\n))?" +
        @"(?:(?:\r?\n|\\r\\n|\\n)[A-Za-z0-9+/]{40,}={0,2}(?=\r?\n|\\r|\\n|\z))*" +
        @"(?:(?:\r?\n|\\r\\n|\\n)=?[A-Za-z0-9+/]{1,39}={0,2}(?=\r?\n|\\r|\\n|\z))?)",
        RegexOptions.None, TimeoutMilliseconds)]
    private static partial Regex PrivateKeyPattern();

    /// <summary><c>Authorization: Bearer x</c>, <c>Proxy-Authorization: Basic x</c>, <c>"Authorization": "token x"</c>: keeps the scheme.</summary>
    [GeneratedRegex(@"\b(?:proxy-)?authorization\\?[""']?[ \t]*[:=][ \t]*\\?[""']?(?:(?:bearer|basic|token|digest|negotiate|ntlm|apikey|aws4-hmac-sha256)[ \t]+)?(?<value>[^\s""'\\][^\r\n""'\\]{0,8191})", RegexOptions.IgnoreCase, TimeoutMilliseconds)]
    private static partial Regex AuthorizationPattern();

    /// <summary>The password of <c>scheme://user:password@host</c> (postgres, mysql, mongodb+srv, redis://:pw@, amqp, https, ...).</summary>
    [GeneratedRegex(@"://[^\s:/?#@\[\]""'<>]{0,256}:(?<value>[^\s/?#""'<>]{1,1024})@", RegexOptions.None, TimeoutMilliseconds)]
    private static partial Regex UrlPasswordPattern();

    /// <summary><c>Password=x;</c> / <c>;PWD=x</c> in ADO.NET and ODBC connection strings (a semicolon must be next to it).</summary>
    [GeneratedRegex(@"(?:(?<semi>;)[ \t]*|(?<![A-Za-z0-9_]))(?:password|pwd)[ \t]*=[ \t]*(?<value>\{[^}\r\n]{0,1024}\}|[^;\r\n""']{1,1024})(?<end>;)?", RegexOptions.IgnoreCase, TimeoutMilliseconds)]
    private static partial Regex AdoPasswordPattern();

    [GeneratedRegex(@"(?:aws_?secret_?access_?key|aws_?secret_?key|secret_?access_?key)\\?[""']?[ \t]*[:=][ \t]*\\?[""']?(?<value>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])", RegexOptions.IgnoreCase, TimeoutMilliseconds)]
    private static partial Regex AwsSecretPattern();

    /// <summary>
    /// <c>password=x</c>, <c>DB_PASSWORD = "x"</c>, <c>--token=x</c>, <c>?api_key=x&amp;</c>, PHP's
    /// <c>$password = 'x'</c> and <c>$cfg['password'] = 'x'</c>: an unquoted value ends at white space or
    /// <c>&amp;;,)}]</c>. See also <see cref="ShortKeyAssignmentPattern"/>.
    /// </summary>
    [GeneratedRegex(@"(?<key>pass(?:word|wd|phrase)|secret(?:[_-]?key)?|token|api[_-]?key|access[_-]?key|psk)(?:['""]\])?[ \t]*=[ \t]*(?<value>""(?:[^""\\\r\n]|\\.){1,4096}""|'[^'\r\n]{1,4096}'|[^\s""'&;,)}\]=][^\s""'&;,)}\]]{0,4095})", RegexOptions.IgnoreCase, TimeoutMilliseconds)]
    private static partial Regex AssignmentPattern();

    /// <summary>
    /// <c>password: x</c> as YAML or a header: the key must begin its line (after indentation or a list dash) and the
    /// value runs to the end of the line. <c>passwd</c> and <c>pwd</c> are not keys here (<c>passwd: password updated</c>).
    /// </summary>
    [GeneratedRegex(@"^[ \t]*(?:-[ \t]+)?[A-Za-z0-9_.-]{0,64}?(?<key>pass(?:word|phrase)|secret(?:[_-]?key)?|token|api[_-]?key|access[_-]?key|private[_-]?key)[ \t]*:[ \t]*(?<value>""(?:[^""\\\r\n]|\\.){1,4096}""|'[^'\r\n]{1,4096}'|[^\s""'|>{\[#][^\r\n]{0,4095})", RegexOptions.IgnoreCase | RegexOptions.Multiline, TimeoutMilliseconds)]
    private static partial Regex LeadingKeyColonPattern();

    /// <summary>
    /// <c>"password": "x"</c>, <c>'api_key': 'x'</c>, PHP and Ruby's <c>'password' =&gt; 'x'</c>, and the same inside an
    /// escaped JSON string (<c>\"token\": \"x\"</c>).
    /// </summary>
    [GeneratedRegex(@"\\?[""'][A-Za-z0-9_.-]{0,64}?(?<key>pass(?:word|wd|phrase)|secret(?:[_-]?key)?|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)\\?[""']\]?[ \t]*(?:=>|[:=])[ \t]*(?<value>""(?:[^""\\\r\n]|\\.){1,4096}""|\\""[^""\r\n]{1,4096}?\\""|'[^'\r\n]{1,4096}'|[^\s,}\]\[{""'\\]{1,256})", RegexOptions.IgnoreCase, TimeoutMilliseconds)]
    private static partial Regex QuotedKeyColonPattern();

    /// <summary>
    /// <c>\u0022password\u0022:\u0022x\u0022</c>: JSON inside a JSON string written by an encoder that escapes quotes
    /// as <c>\u0022</c> (System.Text.Json's default), as in a tool result's text block inside a logged JSON-RPC message.
    /// </summary>
    [GeneratedRegex(@"\\u0022[A-Za-z0-9_.-]{0,64}?(?<key>pass(?:word|wd|phrase)|secret(?:[_-]?key)?|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)\\u0022[ \t]*:[ \t]*(?<value>\\u0022(?:(?!\\u0022)[^\r\n]){1,4096}?\\u0022)", RegexOptions.IgnoreCase, TimeoutMilliseconds)]
    private static partial Regex UnicodeQuotedKeyColonPattern();

    [GeneratedRegex(@"\bbearer[ \t]+(?<value>[A-Za-z0-9\-._~+/]{16,4096}=*)", RegexOptions.IgnoreCase, TimeoutMilliseconds)]
    private static partial Regex BearerPattern();

    [GeneratedRegex(@"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b", RegexOptions.None, TimeoutMilliseconds)]
    private static partial Regex AwsAccessKeyIdPattern();

    [GeneratedRegex(@"\b(?:gh[pousr]_[A-Za-z0-9]{30,251}|github_pat_[A-Za-z0-9_]{22,255})\b", RegexOptions.None, TimeoutMilliseconds)]
    private static partial Regex GitHubTokenPattern();

    [GeneratedRegex(@"\b(?:xox[abprs]-[A-Za-z0-9-]{10,250}|xapp-[0-9]-[A-Za-z0-9-]{10,250})", RegexOptions.None, TimeoutMilliseconds)]
    private static partial Regex SlackTokenPattern();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{5,4096}\.[A-Za-z0-9_-]{2,8192}\.[A-Za-z0-9_-]{0,4096}", RegexOptions.None, TimeoutMilliseconds)]
    private static partial Regex JwtPattern();

    /// <summary>A property name that says its value is a secret.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9_.-]{0,64}?(?<key>pass(?:word|wd|phrase)|secret(?:[_-]?key)?|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?|authorization|psk)$", RegexOptions.IgnoreCase, TimeoutMilliseconds)]
    private static partial Regex SensitiveKeyPattern();

    [GeneratedRegex(@"^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$|^%[A-Za-z_][A-Za-z0-9_]*%$", RegexOptions.None, TimeoutMilliseconds)]
    private static partial Regex VariableReferencePattern();
}
