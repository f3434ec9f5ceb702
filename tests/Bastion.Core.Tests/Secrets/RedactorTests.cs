using System.Text.Json.Nodes;
using Bastion.Core.Secrets;

namespace Bastion.Core.Tests.Secrets;

public class RedactorTests
{
    private readonly Redactor _redactor = new();

    public static TheoryData<string, string> Patterns() => new()
    {
        // Private keys: whole block, any label, also JSON-escaped and cut off.
        { SecretSamples.RsaKey + "\n", "[REDACTED:private_key]\n" },
        { "id_ed25519:\n" + SecretSamples.OpenSshKey + "\ndone\n", "id_ed25519:\n[REDACTED:private_key]\ndone\n" },
        { "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBx8aGVsbG8gd29ybGQ=\n-----END EC PRIVATE KEY-----", "[REDACTED:private_key]" },
        { "-----BEGIN PRIVATE KEY-----\r\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\r\n-----END PRIVATE KEY-----\r\nok", "[REDACTED:private_key]\r\nok" },
        { "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFDjBABgkqhkiG9w0BBQ0wMzAbBgkqhkiG9w0BBQwwDgQI\n-----END ENCRYPTED PRIVATE KEY-----\n", "[REDACTED:private_key]\n" },
        { "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,5A3F0D1E\n\nMIIEpAIBAAKCAQEAx7", "[REDACTED:private_key]" },
        { "$ cat key\n-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBx8aGVsbG8gd29ybGRoZWxsbyB3b3JsZGhlbGxvIHdvcmxkaGVsbG8g\nMHcCAQEE\n$ uptime\n 10:00:01 up 3 days", "$ cat key\n[REDACTED:private_key]\n$ uptime\n 10:00:01 up 3 days" },
        { "$ head -c 120 key; echo; env\n-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBx8aGVsbG8gd29ybGRoZWxsbyB3b3JsZGhlbGxvIHdvcmxkaGVsbG8g\nMHcC\nPWD=/home/alice\ntokens: 42\n", "$ head -c 120 key; echo; env\n[REDACTED:private_key]\nPWD=/home/alice\ntokens: 42\n" },
        { "-----BEGIN OPENSSH PRIVATE KEY-----\nMHcCAQEEIBx8aGVsbG8gd29ybGRoZWxsbyB3b3JsZGhlbGxvIHdvcmxkaGVsbG8g\nMHcCAQEEIBx8aGVsbG8gd29ybGRoZW", "[REDACTED:private_key]" },
        { "-----BEGIN RSA PRIVATE KEY-----\nMHcCAQEEIBx8aGVsbG8g\nuptime ok\n" + SecretSamples.RsaKey, "[REDACTED:private_key]\nuptime ok\n[REDACTED:private_key]" },
        { "{\"key\":\"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0B\\n-----END PRIVATE KEY-----\\n\",\"n\":1}", "{\"key\":\"[REDACTED:private_key]\\n\",\"n\":1}" },
        { "-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\nlQOYBF0abcdEFghIJklMNopQRstUVwxYZ\n=abcd\n-----END PGP PRIVATE KEY BLOCK-----\n", "[REDACTED:pgp_private_key]\n" },

        // key=value, key: value and "key": "value": the key stays.
        { "password=hunter2hunter2", "password=[REDACTED:password]" },
        { "mysql -u root --password=S3cr3t! -e 'select 1'", "mysql -u root --password=[REDACTED:password] -e 'select 1'" },
        { "DB_PASSWD=abc123xyz\nDB_HOST=db", "DB_PASSWD=[REDACTED:password]\nDB_HOST=db" },
        { "export GITHUB_TOKEN=abcdef123456", "export GITHUB_TOKEN=[REDACTED:token]" },
        { "GET /v1/items?api_key=k3y-123&format=json HTTP/1.1", "GET /v1/items?api_key=[REDACTED:api_key]&format=json HTTP/1.1" },
        { "secret = 'very secret value'", "secret = '[REDACTED:secret]'" },
        { "[client]\npassword = \"p w d\"\nuser = app", "[client]\npassword = \"[REDACTED:password]\"\nuser = app" },
        { "SECRET_KEY=django-insecure-0123456789", "SECRET_KEY=[REDACTED:secret]" },
        { "psk=\"correct horse\"", "psk=\"[REDACTED:password]\"" },
        { "db:\n  host: db.internal\n  password: s3cr3t pass  \n  user: app", "db:\n  host: db.internal\n  password: [REDACTED:password]  \n  user: app" },
        { "- token: abc123\n", "- token: [REDACTED:token]\n" },
        { "X-Api-Key: 0123456789abcdef\r\nAccept: */*", "X-Api-Key: [REDACTED:api_key]\r\nAccept: */*" },
        { "{\"user\":\"app\",\"password\":\"pa\\\"ss\",\"port\":5432}", "{\"user\":\"app\",\"password\":\"[REDACTED:password]\",\"port\":5432}" },
        { "{ \"client_secret\": \"abc123\", \"pwd\": \"/home/app\" }", "{ \"client_secret\": \"[REDACTED:secret]\", \"pwd\": \"/home/app\" }" },
        { "{'api_key': 'abcdef123', 'retries': 3}", "{'api_key': '[REDACTED:api_key]', 'retries': 3}" },
        { "payload=\"{\\\"token\\\": \\\"abc.def\\\"}\"", "payload=\"{\\\"token\\\": \\\"[REDACTED:token]\\\"}\"" },
        { "{\"accessToken\":\"q1w2e3r4\",\"expires_in\":3600}", "{\"accessToken\":\"[REDACTED:token]\",\"expires_in\":3600}" },

        // Authorization headers keep the scheme; a bare Bearer token is caught too.
        { "Authorization: Bearer abc.def-ghi_jkl", "Authorization: Bearer [REDACTED:authorization]" },
        { "curl -H 'Authorization: Basic dXNlcjpwYXNzd29yZA==' https://x.example", "curl -H 'Authorization: Basic [REDACTED:authorization]' https://x.example" },
        { "proxy-authorization: Negotiate YIIabc123==\n", "proxy-authorization: Negotiate [REDACTED:authorization]\n" },
        { "{\"Authorization\": \"token 0123456789abcdef\"}", "{\"Authorization\": \"token [REDACTED:authorization]\"}" },
        { "sent Bearer 0123456789abcdefXYZ to the api", "sent Bearer [REDACTED:bearer_token] to the api" },

        // AWS.
        { $"aws_access_key_id = {SecretSamples.AwsKeyId}\naws_secret_access_key = {SecretSamples.AwsSecret}\n", "aws_access_key_id = [REDACTED:aws_access_key_id]\naws_secret_access_key = [REDACTED:aws_secret_access_key]\n" },
        { $"AWS_SECRET_ACCESS_KEY={SecretSamples.AwsSecret}", "AWS_SECRET_ACCESS_KEY=[REDACTED:aws_secret_access_key]" },
        { $"\"SecretAccessKey\": \"{SecretSamples.AwsSecret}\", \"AccessKeyId\": \"{SecretSamples.AwsSessionKeyId}\"", "\"SecretAccessKey\": \"[REDACTED:aws_secret_access_key]\", \"AccessKeyId\": \"[REDACTED:aws_access_key_id]\"" },

        // Connection strings: only the password.
        { "postgres://app:s3cr3t@db.internal:5432/app", "postgres://app:[REDACTED:connection_string]@db.internal:5432/app" },
        { "DATABASE_URL=postgresql://app:s3cr3t@db/app?sslmode=require", "DATABASE_URL=postgresql://app:[REDACTED:connection_string]@db/app?sslmode=require" },
        { "mysql://root:p@ss@db/app", "mysql://root:[REDACTED:connection_string]@db/app" },
        { "mongodb+srv://admin:p%40ssw0rd@cluster0.example.net/test?retryWrites=true", "mongodb+srv://admin:[REDACTED:connection_string]@cluster0.example.net/test?retryWrites=true" },
        { "redis://:foobared@127.0.0.1:6379/0", "redis://:[REDACTED:connection_string]@127.0.0.1:6379/0" },
        { "amqp://guest:guestpw@rabbit:5672/", "amqp://guest:[REDACTED:connection_string]@rabbit:5672/" },
        { "Server=db;Database=app;User Id=sa;Password=My Pass 1;Encrypt=true", "Server=db;Database=app;User Id=sa;Password=[REDACTED:connection_string];Encrypt=true" },
        { "Host=db;Username=app;Password=abc", "Host=db;Username=app;Password=[REDACTED:connection_string]" },
        { "Driver={ODBC Driver 18};Server=x;UID=sa;PWD={a;b};", "Driver={ODBC Driver 18};Server=x;UID=sa;PWD=[REDACTED:connection_string];" },

        // Token shapes.
        { $"remote: {SecretSamples.GitHubClassic}", "remote: [REDACTED:github_token]" },
        { $"{SecretSamples.GitHubApp} {SecretSamples.GitHubOAuth}", "[REDACTED:github_token] [REDACTED:github_token]" },
        { $"https://x-access-token:{SecretSamples.GitHubApp}@github.com/org/repo", "https://x-access-token:[REDACTED:connection_string]@github.com/org/repo" },
        { $"pat {SecretSamples.GitHubFineGrained}.", "pat [REDACTED:github_token]." },
        { $"SLACK={SecretSamples.SlackBot}\n{SecretSamples.SlackUser}", "SLACK=[REDACTED:slack_token]\n[REDACTED:slack_token]" },
        { $"Cookie: session={SecretSamples.Jwt}; Path=/", "Cookie: session=[REDACTED:jwt]; Path=/" },
    };

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Redact_ReplacesWellKnownSecrets_KeepingWhatSurroundsThem(string text, string expected) =>
        _redactor.Redact(text).ShouldBe(expected);

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Redact_IsIdempotent(string text, string expected)
    {
        _ = text;
        _redactor.Redact(expected).ShouldBe(expected);
    }

    public static TheoryData<string> OrdinaryText() =>
    [
        " 10:14:02 up 3 days,  2:11,  2 users,  load average: 0.08, 0.03, 0.01",
        "Filesystem     1K-blocks    Used Available Use% Mounted on\n/dev/sda1       20509264 7534212  11909908  39% /\ntmpfs             401364    1236    400128   1% /run",
        "passwd: password updated successfully",
        "passwd: all authentication tokens updated successfully.",
        "passwd: Authentication token manipulation error",
        "Password reset succeeded for user alice",
        "password reset succeeded",
        "tokens: 42",
        "max_tokens=4096 token_count=7",
        "Jan 10 10:00:01 web-01 sshd[1234]: Accepted password for alice from 10.0.0.5 port 52144 ssh2",
        "Jan 10 10:00:02 web-01 sshd[1235]: Failed password for invalid user admin from 203.0.113.9 port 4022 ssh2",
        "Jan 10 10:00:03 web-01 sudo: pam_unix(sudo:auth): authentication failure; logname= uid=1000 euid=0 tty=/dev/pts/0 ruser=alice rhost=  user=alice",
        "PWD=/home/alice\nOLDPWD=/\nPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin\nSSH_AUTH_SOCK=/tmp/ssh-XXXXabcd/agent.1234",
        "PASSWORD_FILE=/run/secrets/db_password\nCREDENTIALS_DIRECTORY=/run/credentials/app.service",
        "/etc/passwd:root:x:0:0:root:/root:/bin/bash\n/etc/passwd:alice:x:1000:1000:Alice,,,:/home/alice:/bin/bash",
        "PasswordAuthentication no\npasswordauthentication yes\npermitemptypasswords no",
        "git@github.com:example/repo.git ssh://git@example.com:22/repo.git https://example.com:8443/path?q=a@b",
        "Contact: ops@example.com",
        "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n-----END CERTIFICATE-----",
        "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEabc\n-----END PUBLIC KEY-----",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl alice@laptop",
        "The bearer of this message is trusted. Bearer authentication is required.",
        "WWW-Authenticate: Bearer realm=\"example\", error=\"invalid_token\"",
        "Secret Service: ready\ngpg: secret key not available",
        "[sudo] password for alice:\nEnter passphrase for key '/home/alice/.ssh/id_ed25519':",
        "  PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND\n 1234 postgres  20   0  215684  28112  25420 S   0.0   0.7   0:00.05 postgres: checkpointer",
        "{\"tokens\": 42, \"token_count\": 7, \"password_required\": true, \"secret\": null, \"token\": \"\"}",
        "kernel.randomize_va_space = 2\nnet.ipv4.tcp_syncookies = 1",
        "if token == expected:\n    return password_hash(password)",
        "DB_PASSWORD=$DB_PASSWORD\nexport API_TOKEN=${API_TOKEN}",
        "ansible_ssh_private_key_file=/home/deploy/.ssh/id_ed25519 --token-file=/etc/app/token",
        "Active: active (running) since Mon 2025-01-06 10:00:00 UTC; 3 days ago\n   Main PID: 812 (sshd)\n     Memory: 5.2M",
        "eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000\n    inet 10.0.0.5/24 brd 10.0.0.255 scope global eth0",
    ];

    [Theory]
    [MemberData(nameof(OrdinaryText))]
    public void Redact_LeavesOrdinaryOutputAlone(string text) =>
        _redactor.Redact(text).ShouldBe(text);

    public static TheoryData<string> Fixtures() =>
        [.. Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Path.Combine(AppContext.BaseDirectory, "Fixtures"), p))
            .Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Redact_LeavesCapturedCommandOutputAlone(string fixture)
    {
        var text = Fixture.Read(fixture);
        _redactor.Redact(text).ShouldBe(text);
    }

    [Fact]
    public void KnownSecrets_AreReplacedAnywhere_AlsoInsideLongerWords()
    {
        var redactor = new Redactor(["correct-horse-battery"]);
        redactor.Redact("login with correct-horse-battery ok; xxcorrect-horse-batteryyy")
            .ShouldBe("login with [REDACTED:known_secret] ok; xx[REDACTED:known_secret]yy");
    }

    [Fact]
    public void KnownSecrets_AreFound_InTheirJsonEscapedForms()
    {
        var redactor = new Redactor();
        redactor.AddKnownSecret("pa\"ss\\word1");
        redactor.AddKnownSecret("a+b<c>d'e&f");
        redactor.AddKnownSecret("path/to/s3cret");

        redactor.Redact("{\"p\":\"pa\\\"ss\\\\word1\"}").ShouldBe("{\"p\":\"[REDACTED:known_secret]\"}");
        redactor.Redact("{\"q\":\"a\\u002Bb\\u003Cc\\u003Ed\\u0027e\\u0026f\"}").ShouldBe("{\"q\":\"[REDACTED:known_secret]\"}");
        redactor.Redact("{\"outer\":\"{\\\"p\\\":\\\"pa\\\\\\\"ss\\\\\\\\word1\\\"}\"}").ShouldBe("{\"outer\":\"{\\\"p\\\":\\\"[REDACTED:known_secret]\\\"}\"}");
        redactor.Redact("{\"r\":\"path\\/to\\/s3cret\"}").ShouldBe("{\"r\":\"[REDACTED:known_secret]\"}");
        redactor.Redact("https://h/?k=a%2Bb%3Cc%3Ed%27e%26f").ShouldBe("https://h/?k=[REDACTED:known_secret]");
    }

    [Fact]
    public void KnownSecrets_ShorterThanSixCharacters_AreIgnored()
    {
        var redactor = new Redactor(["abc12", "", "   x   "]);
        redactor.AddKnownSecret("12345");
        redactor.KnownSecretCount.ShouldBe(1, "only '   x   ' itself is long enough; its trimmed form is not");
        redactor.Redact("abc12 12345 x").ShouldBe("abc12 12345 x");
    }

    [Fact]
    public void KnownSecrets_Overlapping_AreReplacedOnce_LongestFirst()
    {
        var redactor = new Redactor(["abcdef", "abcdefgh", "defghijk"]);
        redactor.Redact("[abcdefgh] [abcdefg]").ShouldBe("[[REDACTED:known_secret]] [[REDACTED:known_secret]g]");
    }

    [Fact]
    public void KnownSecrets_CanBeAdded_WhileOtherThreadsRedact()
    {
        var redactor = new Redactor();
        var secrets = Enumerable.Range(0, 200).Select(i => $"secret-value-{i:D4}").ToList();
        var text = string.Join(' ', secrets);
        Parallel.Invoke(
            () => secrets.ForEach(redactor.AddKnownSecret),
            () => { for (var i = 0; i < 200; i++) { _ = redactor.Redact(text); } });
        redactor.KnownSecretCount.ShouldBe(200);
        redactor.Redact(text).ShouldNotContain("secret-value-");
    }

    [Fact]
    public void FromEnvironment_KnowsSecretLookingVariables_ButNotPathsOrShortValues()
    {
        var prefix = $"BASTION_REDACTOR_TEST_{Guid.NewGuid():N}";
        var variables = new Dictionary<string, string>
        {
            [$"{prefix}_API_KEY"] = "env-api-key-value-123",
            [$"{prefix}_db_password"] = "env-db-password-456",
            [$"{prefix}_SECRET_FILE"] = "/run/secrets/db_file",
            [$"{prefix}_TOKEN"] = "short",
            [$"{prefix}_HOSTNAME"] = "not-a-secret-host",
        };
        try
        {
            foreach (var (name, value) in variables)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            Redactor.FromEnvironment()
                .Redact("env-api-key-value-123 env-db-password-456 /run/secrets/db_file short not-a-secret-host")
                .ShouldBe("[REDACTED:known_secret] [REDACTED:known_secret] /run/secrets/db_file short not-a-secret-host");
        }
        finally
        {
            foreach (var name in variables.Keys)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }

    [Theory]
    [InlineData("GITHUB_TOKEN", true)]
    [InlineData("aws_secret_access_key", true)]
    [InlineData("PGPASSWORD", true)]
    [InlineData("MYSQL_PASSWD", true)]
    [InlineData("OPENAI_APIKEY", true)]
    [InlineData("DEPLOY_PRIVATE_KEY", true)]
    [InlineData("REGISTRY_CREDENTIALS", true)]
    [InlineData("CREDENTIALS_DIRECTORY", false)]
    [InlineData("SSL_PRIVATE_KEY_FILE", false)]
    [InlineData("PWD", false)]
    [InlineData("HOME", false)]
    public void IsSecretVariable_GoesByTheName(string name, bool expected) =>
        Redactor.IsSecretVariable(name).ShouldBe(expected);

    [Fact]
    public void RedactJson_RedactsEveryString_AndTheValuesOfSecretKeys_InANewTree()
    {
        var redactor = new Redactor(["known-secret-99"]);
        var node = JsonNode.Parse("""
            {
              "user": "app",
              "password": "hunter22",
              "nested": { "apiKey": "k", "accessToken": "t0k", "list": ["Bearer 0123456789abcdefghij", 5, true, null, "uses known-secret-99"] },
              "note": "token=abc123",
              "max_tokens": 42,
              "token_count": "7",
              "secret": null,
              "db_password": 1234
            }
            """);

        var redacted = redactor.Redact(node)!;

        redacted.ToJsonString().ShouldBe(
            "{\"user\":\"app\",\"password\":\"[REDACTED:password]\"," +
            "\"nested\":{\"apiKey\":\"[REDACTED:api_key]\",\"accessToken\":\"[REDACTED:token]\",\"list\":[\"Bearer [REDACTED:bearer_token]\",5,true,null,\"uses [REDACTED:known_secret]\"]}," +
            "\"note\":\"token=[REDACTED:token]\",\"max_tokens\":42,\"token_count\":\"7\",\"secret\":null,\"db_password\":1234}");
        node!["password"]!.GetValue<string>().ShouldBe("hunter22", "the input tree is not changed");
        redactor.Redact((JsonNode?)null).ShouldBeNull();
        redactor.Redact(JsonValue.Create("password=x1"))!.GetValue<string>().ShouldBe("password=[REDACTED:password]");
    }
}
