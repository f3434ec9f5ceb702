using System.Text;
using Bastion.Core.Secrets;

namespace Bastion.Core.Tests.Secrets;

public class RedactorCanaryTests
{
    private const string KnownSecret = "k9#Known-Canary-Secret!";

    /// <summary>Secrets to plant, each with the line the redactor must turn it into.</summary>
    private static readonly (string Planted, string Redacted, string Secret)[] _canaries =
    [
        (SecretSamples.RsaKey, "[REDACTED:private_key]", "MIIEowIBAAKCAQEA1b2c3d4e5f6"),
        (SecretSamples.OpenSshKey[..120], "[REDACTED:private_key]", "b3BlbnNzaC1rZXktdjEAAAAABG5vbmU"),
        ("DB_PASSWORD=Canary-Pass-0001", "DB_PASSWORD=[REDACTED:password]", "Canary-Pass-0001"),
        ("{\"password\": \"Canary-Pass-0002\"}", "{\"password\": \"[REDACTED:password]\"}", "Canary-Pass-0002"),
        ("Authorization: Bearer Canary-Bearer-0003", "Authorization: Bearer [REDACTED:authorization]", "Canary-Bearer-0003"),
        ($"aws_secret_access_key = {SecretSamples.AwsSecret}", "aws_secret_access_key = [REDACTED:aws_secret_access_key]", SecretSamples.AwsSecret),
        ($"key id {SecretSamples.AwsKeyId}", "key id [REDACTED:aws_access_key_id]", SecretSamples.AwsKeyId),
        ("postgres://app:Canary-Pass-0004@db:5432/app", "postgres://app:[REDACTED:connection_string]@db:5432/app", "Canary-Pass-0004"),
        ("Server=db;User Id=sa;Password=Canary-Pass-0005;", "Server=db;User Id=sa;Password=[REDACTED:connection_string];", "Canary-Pass-0005"),
        ($"token {SecretSamples.GitHubClassic}", "token [REDACTED:github_token]", SecretSamples.GitHubClassic),
        ($"slack {SecretSamples.SlackBot}", "slack [REDACTED:slack_token]", SecretSamples.SlackBot),
        ($"jwt {SecretSamples.Jwt}", "jwt [REDACTED:jwt]", SecretSamples.Jwt),
        ($"echo {KnownSecret} | login", "echo [REDACTED:known_secret] | login", KnownSecret),
        ("{\"note\":\"k9#Known-Canary-Secret!\"}", "{\"note\":\"[REDACTED:known_secret]\"}", KnownSecret),
    ];

    private static readonly string[] _filler =
    [
        " 10:14:02 up 3 days,  2:11,  2 users,  load average: 0.08, 0.03, 0.01",
        "/dev/sda1       20509264 7534212  11909908  39% /",
        "Jan 10 10:00:01 web-01 sshd[1234]: Accepted password for alice from 10.0.0.5 port 52144 ssh2",
        "passwd: password updated successfully",
        "tokens: 42",
        "root      1234  0.0  0.7 215684 28112 ?  Ss   Jan09   0:00 /usr/sbin/sshd -D",
        "{\"name\":\"sda\",\"size\":\"20G\",\"type\":\"disk\",\"mountpoint\":null}",
        "PWD=/home/alice",
        "    inet 10.0.0.5/24 brd 10.0.0.255 scope global eth0",
    ];

    [Fact]
    public void Redact_LeavesNoPlantedSecret_InAMegabyteOfOutput_AndChangesNothingElse()
    {
        var (input, expected) = Build(1024 * 1024, seed: 7);
        var redactor = new Redactor([KnownSecret]);

        var output = redactor.Redact(input);

        foreach (var (_, _, secret) in _canaries)
        {
            output.ShouldNotContain(secret);
        }

        var outputLines = output.Split('\n');
        var expectedLines = expected.Split('\n');
        for (var i = 0; i < Math.Min(outputLines.Length, expectedLines.Length); i++)
        {
            outputLines[i].ShouldBe(expectedLines[i], $"line {i + 1}");
        }

        output.ShouldBe(expected);
    }

    /// <summary>About <paramref name="size"/> characters of ordinary output with every canary planted a few times at random lines.</summary>
    private static (string Input, string Expected) Build(int size, int seed)
    {
        var random = new Random(seed);
        var input = new StringBuilder(size + 4096);
        var expected = new StringBuilder(size + 4096);
        var plants = new Queue<int>(Enumerable.Range(0, _canaries.Length * 3).Select(i => i % _canaries.Length).OrderBy(_ => random.Next()));
        while (input.Length < size)
        {
            if (plants.Count > 0 && random.Next(400) == 0)
            {
                var (planted, redacted, _) = _canaries[plants.Dequeue()];
                input.Append(planted).Append('\n');
                expected.Append(redacted).Append('\n');
            }
            else
            {
                var line = _filler[random.Next(_filler.Length)];
                input.Append(line).Append('\n');
                expected.Append(line).Append('\n');
            }
        }

        while (plants.Count > 0)
        {
            var (planted, redacted, _) = _canaries[plants.Dequeue()];
            input.Append(planted).Append('\n');
            expected.Append(redacted).Append('\n');
        }

        return (input.ToString(), expected.ToString());
    }
}
