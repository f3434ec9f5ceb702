using System.Text;
using Bastion.Core.Secrets;

namespace Bastion.Core.Tests.Secrets;

/// <summary>Secrets in the files and command lines real servers hold, which Bastion does not know in advance: only their shape gives them away.</summary>
public class RedactorConfigTests
{
    private static readonly string _rsaBody =
        "MIIEowIBAAKCAQEA1b2c3d4e5f6g7h8i9j0kLmNoPqRsTuVwXyZ0123456789abc\n" +
        "QWERTYuiopASDFGHjklZXCVbnm+/0987654321zyxwvutsrqponmlkjihgfedcba\n" +
        "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0u1V2w3X4y5Z6a7B8c9D0e1F2\n" +
        "Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8Nn7Mm6Ll5Kk4Jj3Ii2Hh1Gg0Ff9E\n" +
        "Pq7Rs8Tu9Vw0Xy1Za2Bc3De4Fg5Hi6Jk7Lm8No9Pq0Rs1Tu2Vw3Xy4Za5Bc6De7f\n" +
        "q83Hd0kL1mN=";

    /// <summary>The middle of a key (<c>tail -n +3</c>): full 64-character lines with no telltale start.</summary>
    private static readonly string _middleOfAKey = string.Join('\n', _rsaBody.Split('\n').Skip(2));

    private readonly Redactor _redactor = new();

    public static TheoryData<string, string> Snippets() => new()
    {
        // wp-config.php: the password and the keys and salts; names, users, hosts and flags stay.
        {
            "define( 'DB_NAME', 'wordpress' );\ndefine( 'DB_USER', 'wp' );\ndefine( 'DB_PASSWORD', 'Wp-Db-Pass-0001' );\ndefine( 'DB_HOST', 'localhost' );\n" +
            "define('AUTH_KEY',         'a1!b2@c3#d4$e5%f6^g7&h8*');\ndefine(\"NONCE_SALT\", \"z9(y8)x7-w6_v5+u4=t3\");\ndefine( 'WP_DEBUG', false );\n$table_prefix = 'wp_';",
            "define( 'DB_NAME', 'wordpress' );\ndefine( 'DB_USER', 'wp' );\ndefine( 'DB_PASSWORD', '[REDACTED:password]' );\ndefine( 'DB_HOST', 'localhost' );\n" +
            "define('AUTH_KEY',         '[REDACTED:secret]');\ndefine(\"NONCE_SALT\", \"[REDACTED:secret]\");\ndefine( 'WP_DEBUG', false );\n$table_prefix = 'wp_';"
        },

        // Other PHP: variables, phpMyAdmin's config array, Drupal's settings array.
        { "$db_password = 'Php-Pass-0002';", "$db_password = '[REDACTED:password]';" },
        { "$cfg['Servers'][$i]['password'] = 'Pma-Pass-0003';", "$cfg['Servers'][$i]['password'] = '[REDACTED:password]';" },
        { "  'username' => 'drupal',\n  'password' => 'Drupal-Pass-0004',\n  'host' => 'localhost',", "  'username' => 'drupal',\n  'password' => '[REDACTED:password]',\n  'host' => 'localhost'," },

        // .env
        {
            "APP_KEY=base64:Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo=\nDB_CONNECTION=mysql\nDB_HOST=127.0.0.1\nDB_PASS=Env-Pass-0005\nMYSQL_PWD=Env-Pass-0006\nREDIS_PASSWORD=null\nPWD=/srv/app",
            "APP_KEY=[REDACTED:secret]\nDB_CONNECTION=mysql\nDB_HOST=127.0.0.1\nDB_PASS=[REDACTED:password]\nMYSQL_PWD=[REDACTED:password]\nREDIS_PASSWORD=null\nPWD=/srv/app"
        },

        // docker-compose.yml, both forms of environment, and a command line.
        {
            "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: Compose-Pass-0007\n      - MYSQL_ROOT_PASSWORD=Compose-Pass-0008\n    command: redis-server --requirepass Compose-Pass-0009\n    ports:\n      - \"5432:5432\"",
            "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: [REDACTED:password]\n      - MYSQL_ROOT_PASSWORD=[REDACTED:password]\n    command: redis-server --requirepass [REDACTED:password]\n    ports:\n      - \"5432:5432\""
        },

        // my.cnf
        { "[client]\nuser = root\npassword = MyCnf-Pass-0010\nhost = localhost\n", "[client]\nuser = root\npassword = [REDACTED:password]\nhost = localhost\n" },

        // PostgreSQL: URL, libpq keywords, the environment, .pgpass.
        { "postgresql://app:Pg-Pass-0011@db:5432/app", "postgresql://app:[REDACTED:connection_string]@db:5432/app" },
        { "host=db port=5432 dbname=app user=app password=Pg-Pass-0012 sslmode=require", "host=db port=5432 dbname=app user=app password=[REDACTED:password] sslmode=require" },
        { "PGPASSWORD=Pg-Pass-0013 psql -h db -U app", "PGPASSWORD=[REDACTED:password] psql -h db -U app" },
        { "db.internal:5432:app:app:Pg-Pass-0014\n*:*:*:postgres:Pg-Pass-0015\n", "db.internal:5432:app:app:[REDACTED:password]\n*:*:*:postgres:[REDACTED:password]\n" },

        // URLs of every scheme.
        { "REDIS_URL=rediss://default:Redis-Pass-0016@cache:6380/0", "REDIS_URL=rediss://default:[REDACTED:connection_string]@cache:6380/0" },
        { "amqps://user:Amqp-Pass-0017@mq:5671/vhost https://bob:Https-Pass-0018@example.com/x", "amqps://user:[REDACTED:connection_string]@mq:5671/vhost https://bob:[REDACTED:connection_string]@example.com/x" },

        // Other processes' command lines, as processes_list and ps -eo args show them.
        { "mysql -u root -pPs-Pass-0019 app", "mysql -u root -p[REDACTED:password] app" },
        { "/usr/bin/mysqldump --user=root --password Ps-Pass-0020 --all-databases", "/usr/bin/mysqldump --user=root --password [REDACTED:password] --all-databases" },
        { "sshpass -p Ps-Pass-0021 ssh deploy@web", "sshpass -p [REDACTED:password] ssh deploy@web" },
        { "redis-cli -h 127.0.0.1 -a Ps-Pass-0022 ping", "redis-cli -h 127.0.0.1 -a [REDACTED:password] ping" },
        { "keytool -importkeystore -srcstorepass Ps-Pass-0023 -deststorepass 'Ps Pass 0024'", "keytool -importkeystore -srcstorepass [REDACTED:password] -deststorepass '[REDACTED:password]'" },
        { "openssl pkcs12 -export -passout pass:Ps-Pass-0025 -out x.p12", "openssl pkcs12 -export -passout [REDACTED:password] -out x.p12" },
        { "curl -sS -u admin:Ps-Pass-0026 https://api.example/", "curl -sS -u admin:[REDACTED:password] https://api.example/" },
        { "/opt/app/bin/agent --token Ps-Tok-0027 --verbose", "/opt/app/bin/agent --token [REDACTED:token] --verbose" },

        // SQL
        { "CREATE USER 'app'@'%' IDENTIFIED BY 'Sql-Pass-0028';", "CREATE USER 'app'@'%' IDENTIFIED BY '[REDACTED:password]';" },
        { "ALTER USER app IDENTIFIED WITH mysql_native_password BY 'Sql-Pass-0029';", "ALTER USER app IDENTIFIED WITH mysql_native_password BY '[REDACTED:password]';" },
        { "CREATE ROLE app WITH LOGIN PASSWORD 'Sql-Pass-0030';", "CREATE ROLE app WITH LOGIN PASSWORD '[REDACTED:password]';" },

        // .netrc, redis.conf, Maven's settings.xml
        { "machine api.example.com login deploy password Netrc-Pass-0031\n", "machine api.example.com login deploy password [REDACTED:password]\n" },
        { "machine git.example.com\n  login deploy\n  password Netrc-Pass-0032\n", "machine git.example.com\n  login deploy\n  password [REDACTED:password]\n" },
        { "bind 127.0.0.1\nrequirepass Redis-Pass-0033\nmasterauth Redis-Pass-0034\n", "bind 127.0.0.1\nrequirepass [REDACTED:password]\nmasterauth [REDACTED:password]\n" },
        { "<server>\n  <id>repo</id>\n  <username>ci</username>\n  <password>Maven-Pass-0035</password>\n</server>", "<server>\n  <id>repo</id>\n  <username>ci</username>\n  <password>[REDACTED:password]</password>\n</server>" },

        // Key material without its header lines.
        { $"$ grep -v -- ----- id_rsa\n{_rsaBody}\n$ uptime", "$ grep -v -- ----- id_rsa\n[REDACTED:private_key]\n$ uptime" },
        { $"$ tail -n +4 id_rsa\n{_middleOfAKey}\n-----END RSA PRIVATE KEY-----", "$ tail -n +4 id_rsa\n[REDACTED:private_key]\n-----END RSA PRIVATE KEY-----" },
        { "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACDGQX1s0mJ1jbNvXkq1Z4hpFhcbW0iKIA0rXyNLd4ZyTwAAAJiOm2kSjptp\n$ uptime", "[REDACTED:private_key]\n$ uptime" },
        { "{\"text\":\"MHcCAQEEIBx8aGVsbG8gd29ybGRoZWxsbyB3b3JsZGhlbGxvIHdvcmxkaGVsbG8g\\nMHcCAQEE\"}", "{\"text\":\"[REDACTED:private_key]\"}" },
    };

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Redact_HidesSecretsInRealConfigFormats_KeepingEverythingElse(string text, string expected) =>
        _redactor.Redact(text).ShouldBe(expected);

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Redact_IsIdempotent_OnConfigFormats(string text, string expected)
    {
        _ = text;
        _redactor.Redact(expected).ShouldBe(expected);
    }

    [Fact]
    public void Redact_HidesAKubeconfigsClientKey_ButNotItsCertificates()
    {
        var key = Convert.ToBase64String(Encoding.ASCII.GetBytes("-----BEGIN RSA PRIVATE KEY-----\n" + _rsaBody + "\n-----END RSA PRIVATE KEY-----\n"));
        var certificate = Convert.ToBase64String(Encoding.ASCII.GetBytes("-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n-----END CERTIFICATE-----\n"));
        var config = $"users:\n- name: admin\n  user:\n    client-certificate-data: {certificate}\n    client-key-data: {key}\n    token: kube-token-0123456789abcdef\n";

        _redactor.Redact(config).ShouldBe($"users:\n- name: admin\n  user:\n    client-certificate-data: {certificate}\n    client-key-data: [REDACTED:private_key]\n    token: [REDACTED:token]\n");
    }

    [Theory]
    [InlineData("mysql\0-u\0root\0--password\0my secret pass\0app\0", "mysql -u root --password '[REDACTED:password]' app")]
    [InlineData("agent\0--token=tok en 0001\0-v\0", "agent --token='[REDACTED:token]' -v")]
    [InlineData("postgres: checkpointer \0\0", "postgres: checkpointer")]
    public void ProcessCommandLines_QuoteSecretValuesWithSpaces_SoRedactionHidesThemWhole(string cmdline, string expected) =>
        _redactor.Redact(Bastion.Core.Processes.ProcessCollector.Command(cmdline, "x")).ShouldBe(expected);

    public static TheoryData<string> OrdinaryText() =>
    [
        "  -p, --password[=name] Password to use when connecting to server. If password is\n  -P, --port=#        Port number to use for connection.",
        "usage: agent [--token TOKEN] [--password <password>] [--api-key API_KEY]",
        "mysql -h db -P 3306 -u app -p\nmysql -u app -p app_db",
        "ssh -p 2222 deploy@web\nscp -P 2222 a b",
        "openssl pkcs12 -export -passin file:/run/secrets/pw -passout env:P12_PASS",
        "/etc/passwd:1:root:x:0:0:root:/root:/bin/bash\n/etc/group:27:sudo:x:27:alice",
        "12:34:56 up 10 days",
        "The user is identified by their e-mail address.",
        "-----BEGIN CERTIFICATE-----\n" + _middleOfAKey + "\n-----END CERTIFICATE-----",
        "-----BEGIN PGP PUBLIC KEY BLOCK-----\nComment: alice\n\n" + _middleOfAKey + "\n-----END PGP PUBLIC KEY BLOCK-----",
        "define( 'WP_DEBUG', false );\ndefine( 'DB_HOST', 'localhost' );",
        "ansible_ssh_pass_file=/etc/ansible/pw bypass=1 compass=north",
        "Password: \nPassword expires\t\t\t\t\t: never",
    ];

    [Theory]
    [MemberData(nameof(OrdinaryText))]
    public void Redact_LeavesOrdinaryOutputAlone_NearConfigShapes(string text) =>
        _redactor.Redact(text).ShouldBe(text);
}
