using System.Text;
using System.Text.RegularExpressions;

namespace Bastion.Core.Secrets;

/// <summary>
/// The shapes secrets take in real configuration files and command lines, beyond the generic key/value forms: key
/// material without its PEM header lines, PHP <c>define()</c>, SQL <c>IDENTIFIED BY</c>, a password given to a program as
/// a separate argument, <c>.netrc</c>, <c>.pgpass</c>, redis.conf and XML elements.
/// </summary>
public sealed partial class Redactor
{
    private static readonly string[] _notSecretOptionValues = ["file:", "env:", "fd:", "stdin", "prompt"];

    /// <summary><paramref name="text"/> with the shapes of this file replaced (called by <see cref="Redact(string)"/>).</summary>
    private static string RedactConfigShapes(string text)
    {
        var result = KeyBodyStartPattern().Replace(text, Marker("private_key"));
        result = ShortKeyAssignmentPattern().Replace(result, static m => ReplaceValue(m, KindOfKey(m.Groups["key"].Value), trimEnd: false));
        var input = result;
        result = PemBodyPattern().Replace(input, m => AfterPublicHeader(input, m) ? m.Value : Marker("private_key"));
        input = result;
        result = EscapedPemBodyPattern().Replace(input, m => AfterPublicHeader(input, m.Groups["body"]) ? m.Value : "\\n" + Marker("private_key"));
        result = Base64PemPattern().Replace(result, static m => EncodesPrivateKey(m.Value) ? Marker("private_key") : m.Value);
        result = PhpDefinePattern().Replace(result, static m => ReplaceValue(m, KindOfKey(m.Groups["key"].Value), trimEnd: false));
        result = SqlIdentifiedByPattern().Replace(result, static m => ReplaceValue(m, "password", trimEnd: false));
        result = SqlRolePasswordPattern().Replace(result, static m => ReplaceValue(m, "password", trimEnd: false));
        result = OptionArgumentPattern().Replace(result, static m => OptionValue(m) ? ReplaceValue(m, KindOfKey(m.Groups["key"].Value), trimEnd: false) : m.Value);
        result = ProgramPasswordPattern().Replace(result, static m => ReplaceValue(m, "password", trimEnd: false));
        input = result;
        result = NetrcPattern().Replace(input, m => OnNetrcLine(input, m) ? ReplaceValue(m, "password", trimEnd: false) : m.Value);
        result = NetrcLinePattern().Replace(result, static m => ReplaceValue(m, "password", trimEnd: false));
        result = PgpassPattern().Replace(result, static m => ReplaceValue(m, "password", trimEnd: false));
        result = RedisPasswordPattern().Replace(result, static m => ReplaceValue(m, "password", trimEnd: true));
        return XmlElementPattern().Replace(result, static m => ReplaceValue(m, KindOfKey(m.Groups["key"].Value), trimEnd: false));
    }

    /// <summary>Whether a run of base64 lines follows the BEGIN line of something that is not a private key (a certificate, a public key), past armor headers.</summary>
    private static bool AfterPublicHeader(string text, Capture match)
    {
        var from = Math.Max(0, match.Index - 512);
        var begin = match.Index == 0 ? -1 : text.LastIndexOf("-----BEGIN ", match.Index - 1, match.Index - from, StringComparison.Ordinal);
        if (begin < 0)
        {
            return false;
        }

        var header = text[begin..match.Index];
        return !header.Contains("PRIVATE", StringComparison.Ordinal) && PublicHeaderPattern().IsMatch(header);
    }

    /// <summary>Whether base64 text decodes to the start of a PEM private key (<c>-----BEGIN … PRIVATE KEY-----</c>).</summary>
    private static bool EncodesPrivateKey(string base64)
    {
        var head = base64[..(Math.Min(base64.Length, 64) / 4 * 4)];
        var bytes = new byte[head.Length];
        return Convert.TryFromBase64String(head, bytes, out var written)
            && Encoding.ASCII.GetString(bytes, 0, written).Contains("PRIVATE KEY", StringComparison.Ordinal);
    }

    /// <summary>Whether an option's argument is a value rather than a metavariable (<c>PASSWORD</c>, <c>&lt;token&gt;</c>) or a reference (<c>file:…</c>, <c>env:…</c>).</summary>
    private static bool OptionValue(Match match)
    {
        var value = match.Groups["value"].Value.TrimEnd(']', ')', ',', ';').Trim('\'', '"');
        return value.Length > 0
            && !value.All(c => char.IsAsciiLetterUpper(c) || c is '_' or '-' or '.')
            && value[0] is not ('<' or '[' or '{')
            && !_notSecretOptionValues.Any(p => value.StartsWith(p, StringComparison.Ordinal));
    }

    /// <summary>
    /// Base64 that begins a private key's DER or OpenSSH body, without its BEGIN line: <c>MII…IBA</c> (PKCS#1 and PKCS#8:
    /// a SEQUENCE whose first element is the version INTEGER; certificates and public keys begin with a SEQUENCE
    /// instead), <c>M??CAQ[AE]</c> (short keys: EC, Ed25519), <c>b3BlbnNzaC1rZXktdjE</c> (<c>openssh-key-v1</c>), through
    /// the base64 lines that follow.
    /// </summary>
    [GeneratedRegex(
        @"(?<![A-Za-z0-9+/])(?:MII[A-Za-z0-9+/]{3}IBA|M[A-Za-z0-9+/]{2}CAQ[AE]|b3BlbnNzaC1rZXktdjE)[A-Za-z0-9+/]{16,}={0,2}" +
        @"(?:(?:\r?\n|\\r\\n|\\n)[A-Za-z0-9+/]{16,}={0,2}(?=\r?\n|\\r|\\n|\z|[""']))*" +
        @"(?:(?:\r?\n|\\r\\n|\\n)[A-Za-z0-9+/]{1,15}={0,2}(?=\r?\n|\\r|\\n|\z|[""']))?",
        RegexOptions.None, TimeoutMilliseconds)]
    private static partial Regex KeyBodyStartPattern();

    /// <summary>
    /// Three or more whole lines of exactly 64 base64 characters (PEM) or 70 (OpenSSH), and a shorter last line: the
    /// body of a key whose header lines were cut away (<c>grep -v -- -----</c>, <c>sed 1d</c>, <c>tail -n +2</c>).
    /// </summary>
    [GeneratedRegex(
        @"^(?:(?:[A-Za-z0-9+/]{64}\r?\n){2,}[A-Za-z0-9+/]{64}|(?:[A-Za-z0-9+/]{70}\r?\n){2,}[A-Za-z0-9+/]{70})(?=\r?$)" +
        @"(?:\r?\n[A-Za-z0-9+/]{1,69}={0,2}(?=\r?$))?",
        RegexOptions.Multiline, TimeoutMilliseconds)]
    private static partial Regex PemBodyPattern();

    /// <summary>The same inside a JSON string, lines separated by <c>\n</c> escapes (the escape before the body is part of the match).</summary>
    [GeneratedRegex(
        @"\\n(?<body>(?:(?:[A-Za-z0-9+/]{64}\\n){2,}[A-Za-z0-9+/]{64}|(?:[A-Za-z0-9+/]{70}\\n){2,}[A-Za-z0-9+/]{70})(?=\\n|""|\z)(?:\\n[A-Za-z0-9+/]{1,69}={0,2}(?=\\n|""|\z))?)",
        RegexOptions.None, TimeoutMilliseconds)]
    private static partial Regex EscapedPemBodyPattern();

    /// <summary>The header of a PEM block that is not secret, and the armor headers or blank lines after it, up to where a body begins.</summary>
    [GeneratedRegex(@"^-----BEGIN [A-Z0-9 ]{1,64}-----(?:(?:\r?\n|\\r\\n|\\n)(?:[A-Za-z-]{1,32}: [^\r\n\\]{0,256})?)*(?:\r?\n|\\r\\n|\\n)$", RegexOptions.None, TimeoutMilliseconds)]
    private static partial Regex PublicHeaderPattern();

    /// <summary>Base64 of a PEM block (<c>LS0tLS1CRUdJTi</c> is <c>-----BEGIN </c>), as kubeconfig's <c>client-key-data</c> holds it.</summary>
    [GeneratedRegex(@"LS0tLS1CRUdJTi[A-Za-z0-9+/]{20,}={0,2}", RegexOptions.None, TimeoutMilliseconds)]
    private static partial Regex Base64PemPattern();

    /// <summary>
    /// Assignments to the short key names of <c>.env</c> files: <c>DB_PASS=x</c>, <c>--pass=x</c>, <c>MYSQL_PWD=x</c>,
    /// <c>APP_KEY=x</c> (and private, encryption, signing, master, license keys). <c>pass</c> counts only after <c>_</c>
    /// or <c>-</c>, and <c>pwd</c> only after <c>_</c> (<c>PWD=/root</c> is a directory, <c>bypass=1</c> a flag). The
    /// pattern begins at the <c>_</c> or <c>-</c>, which keeps it cheap on ordinary text.
    /// </summary>
    [GeneratedRegex(@"(?<key>(?<=[A-Za-z0-9])_pwd|[_-]pass|(?<=app|private|encryption|signing|master|license)[_-]key)(?:['""]\])?[ \t]*=[ \t]*(?<value>""(?:[^""\\\r\n]|\\.){1,4096}""|'[^'\r\n]{1,4096}'|[^\s""'&;,)}\]=][^\s""'&;,)}\]]{0,4095})", RegexOptions.IgnoreCase, TimeoutMilliseconds)]
    private static partial Regex ShortKeyAssignmentPattern();

    /// <summary>PHP <c>define('DB_PASSWORD', 'x')</c> and the keys and salts of wp-config.php (<c>AUTH_KEY</c>, <c>NONCE_SALT</c>, ...).</summary>
    [GeneratedRegex(@"\bdefine[ \t]*\([ \t]*(?<q>['""])(?<key>[A-Za-z0-9_]{0,64}?(?:PASSWORD|PASSWD|PASS|PWD|SECRET|TOKEN|KEY|SALT))\k<q>[ \t]*,[ \t]*(?<value>'(?:[^'\\\r\n]|\\.){1,4096}'|""(?:[^""\\\r\n]|\\.){1,4096}"")", RegexOptions.IgnoreCase, TimeoutMilliseconds)]
    private static partial Regex PhpDefinePattern();

    /// <summary>SQL: <c>IDENTIFIED BY 'x'</c> (MySQL, MariaDB, Oracle).</summary>
    [GeneratedRegex(@"\bIDENTIFIED[ \t]+(?:WITH[ \t]+\S{1,64}[ \t]+)?BY[ \t]+(?:PASSWORD[ \t]+)?(?<value>'(?:[^'\\\r\n]|\\.|''){1,1024}'|""(?:[^""\\\r\n]|\\.){1,1024}"")", RegexOptions.IgnoreCase, TimeoutMilliseconds)]
    private static partial Regex SqlIdentifiedByPattern();

    /// <summary>SQL: <c>PASSWORD 'x'</c> in PostgreSQL's CREATE/ALTER ROLE/USER (after ROLE, USER, WITH or LOGIN on the same line).</summary>
    [GeneratedRegex(@"\bPASSWORD[ \t]+(?<value>'(?:[^'\r\n]|''){1,1024}')(?<=\b(?:ROLE|USER|WITH|LOGIN)\b[^;\r\n]{1,2048})", RegexOptions.IgnoreCase, TimeoutMilliseconds)]
    private static partial Regex SqlRolePasswordPattern();

    /// <summary>
    /// A secret given to a program as the next argument: <c>--password x</c>, <c>-token x</c>, keytool's
    /// <c>-storepass x</c>, openssl's <c>-passin pass:x</c>. Metavariables of help text (<c>--password PASSWORD</c>) and
    /// references (<c>-passin file:…</c>) are left alone.
    /// </summary>
    [GeneratedRegex(@"(?<![\w-])--?(?<key>password|passwd|pass|passphrase|token|secret|api[_-]?key|access[_-]?key|auth[_-]?token|client[_-]?secret|(?:src|dest)?storepass|(?:src|dest)?keypass|passin|passout|requirepass|masterauth)[ \t]+(?<value>'[^'\r\n]{1,1024}'|""(?:[^""\\\r\n]|\\.){1,1024}""|[^\s'""-][^\s]{0,1023})", RegexOptions.IgnoreCase, TimeoutMilliseconds)]
    private static partial Regex OptionArgumentPattern();

    /// <summary>
    /// Passwords in the options of programs that take them in their own way: the MySQL family's <c>-pSECRET</c> (joined
    /// to the option: <c>-p</c> alone asks), sshpass <c>-p x</c>, redis-cli <c>-a x</c>, curl <c>-u user:x</c>.
    /// </summary>
    [GeneratedRegex(
        @"\b(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlcheck|mysqlshow|mysqlpump|mysqlsh|mysqlbinlog|mariadb|mariadb-dump|mariadb-admin)\b[^\r\n|;&]{0,1024}?(?<=\s)-p(?<value>'[^'\r\n]{1,1024}'|""[^""\r\n]{1,1024}""|[^\s'""][^\s]{0,1023})" +
        @"|\bsshpass\b[^\r\n|;&]{0,1024}?(?<=\s)-p[ \t]*(?<value>'[^'\r\n]{1,1024}'|""[^""\r\n]{1,1024}""|[^\s'""][^\s]{0,1023})" +
        @"|\bredis-cli\b[^\r\n|;&]{0,1024}?(?<=\s)-a[ \t]+(?<value>'[^'\r\n]{1,1024}'|""[^""\r\n]{1,1024}""|[^\s'""][^\s]{0,1023})" +
        @"|\bcurl\b[^\r\n|;&]{0,1024}?(?<=\s)(?:-u|--user)[ \t]+['""]?[^\s:'""]{1,256}:(?<value>[^\s'""]{1,1024})",
        RegexOptions.None, TimeoutMilliseconds)]
    private static partial Regex ProgramPasswordPattern();

    /// <summary><c>.netrc</c>: <c>machine h login u password x</c> on one line (the line is checked by <see cref="OnNetrcLine"/>).</summary>
    [GeneratedRegex(@"[ \t]password[ \t]+(?<value>[^\s]{1,1024})", RegexOptions.None, TimeoutMilliseconds)]
    private static partial Regex NetrcPattern();

    /// <summary>Whether the line of <paramref name="match"/> names a machine, a login or the default before it, as a .netrc line does.</summary>
    private static bool OnNetrcLine(string text, Match match)
    {
        var start = text.LastIndexOf('\n', match.Index) + 1;
        var line = text.AsSpan(start, match.Index - start);
        return NetrcWordPattern().IsMatch(line);
    }

    [GeneratedRegex(@"(?:^|[ \t])(?:machine|default|login)(?:[ \t]|$)", RegexOptions.None, TimeoutMilliseconds)]
    private static partial Regex NetrcWordPattern();

    /// <summary><c>.netrc</c> written one token pair per line: <c>password x</c> alone on its line.</summary>
    [GeneratedRegex(@"^[ \t]*password[ \t]+(?<value>[^\s]{1,1024})[ \t]*$", RegexOptions.Multiline, TimeoutMilliseconds)]
    private static partial Regex NetrcLinePattern();

    /// <summary><c>.pgpass</c>: <c>host:port:database:user:password</c>, port a number or <c>*</c>, the password without unescaped colons.</summary>
    [GeneratedRegex(@"^[^:\s/]{1,256}:(?:[0-9]{1,5}|\*):[^:\s/]{1,256}:[^:\s/]{1,256}:(?<value>(?:[^:\r\n\\]|\\.){1,1024})\r?$", RegexOptions.Multiline, TimeoutMilliseconds)]
    private static partial Regex PgpassPattern();

    /// <summary>redis.conf's <c>requirepass x</c> and <c>masterauth x</c>.</summary>
    [GeneratedRegex(@"^[ \t]*(?:requirepass|masterauth)[ \t]+(?<value>[^\s#][^\r\n]{0,1023})", RegexOptions.Multiline | RegexOptions.IgnoreCase, TimeoutMilliseconds)]
    private static partial Regex RedisPasswordPattern();

    /// <summary>An XML element whose name says it holds a secret: <c>&lt;password&gt;x&lt;/password&gt;</c> (Maven settings.xml, ...).</summary>
    [GeneratedRegex(@"<(?<name>[A-Za-z0-9_.:-]{0,64}?(?<key>password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|private[_-]?key))>(?<value>[^<\r\n]{1,4096})</\k<name>>", RegexOptions.IgnoreCase, TimeoutMilliseconds)]
    private static partial Regex XmlElementPattern();
}
