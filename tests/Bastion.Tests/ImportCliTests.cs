using System.Text.Json;
using Bastion.Core.Configuration;
using Bastion.Core.Secrets.Vault;
using Bastion.Fakes.CloudStack;

namespace Bastion.Tests;

/// <summary>
/// <c>bastion import</c> with the seed servers' real formats (alpacon-mcp's token file and <c>ALPACON_MCP_*_TOKEN</c>,
/// the CloudStack, WebOps and Cloudways variables), and the same variables used at run time without importing: they
/// reach a platform fake and never appear in output, logs or the audit log.
/// </summary>
public sealed class ImportCliTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("bastion-import-").FullName;
    private readonly string _home = Directory.CreateTempSubdirectory("bastion-import-home-").FullName;

    public void Dispose()
    {
        Directory.Delete(_data, recursive: true);
        Directory.Delete(_home, recursive: true);
    }

    /// <summary>alpacon-mcp's config/token.json.example, with made-up tokens.</summary>
    private const string AlpaconTokens = """
        {
          "ap1": {
            "company-main": "tok-ap1-main-5f2a9c",
            "company-backup": "tok-ap1-backup-81d3e0"
          },
          "us1": {
            "backup-site": "tok-us1-site-c07b44"
          }
        }
        """;

    private Task<(int ExitCode, string Stdout, string Stderr)> Bastion(Dictionary<string, string?> environment, params string[] args)
    {
        environment["HOME"] = _home;
        return BastionProcess.RunInAsync(_data, null, environment, args);
    }

    private Dictionary<string, string> Vault()
    {
        using var vault = CredentialVault.Open(new BastionPaths(_data));
        return vault.List(CredentialVault.DefaultTenant).ToDictionary(i => i.Name, i => vault.Get(CredentialVault.DefaultTenant, i.Name)!);
    }

    [Fact]
    public async Task Import_AlpaconTokenFile_StoresEachWorkspace_WithoutPrintingTokens()
    {
        var file = Path.Combine(_home, "token.json");
        await File.WriteAllTextAsync(file, AlpaconTokens);

        var (code, stdout, stderr) = await Bastion([], "import", "--alpacon-tokens", file, "--no-env");

        code.ShouldBe(0, stderr);
        stdout.ShouldContain($"stored alpacon/company-main/token  (from {file})");
        (stdout + stderr).ShouldNotContain("tok-");
        var vault = Vault();
        vault["alpacon/workspaces"].ShouldBe("company-main,company-backup,backup-site");
        vault["alpacon/company-main/token"].ShouldBe("tok-ap1-main-5f2a9c");
        vault["alpacon/company-main/region"].ShouldBe("ap1");
        vault["alpacon/backup-site/token"].ShouldBe("tok-us1-site-c07b44");
        vault["alpacon/backup-site/region"].ShouldBe("us1");
    }

    [Fact]
    public async Task Import_FindsAlpaconsOwnTokenFile_AndItsVariables()
    {
        Directory.CreateDirectory(Path.Combine(_home, ".alpacon-mcp"));
        await File.WriteAllTextAsync(Path.Combine(_home, ".alpacon-mcp", "token.json"), AlpaconTokens);

        var (code, stdout, stderr) = await Bastion(
            new() { ["ALPACON_MCP_EU1_PRODUCTION_TOKEN"] = "tok-eu1-prod-aa11", ["ALPACON_MCP_AP1_COMPANY-MAIN_TOKEN"] = "tok-ap1-main-from-env" },
            "import");

        code.ShouldBe(0, stderr);
        stdout.ShouldContain("stored alpacon/production/token  (from ALPACON_MCP_EU1_PRODUCTION_TOKEN)");
        var vault = Vault();
        vault["alpacon/production/region"].ShouldBe("eu1");
        vault["alpacon/company-main/token"].ShouldBe("tok-ap1-main-from-env", "a variable wins over the file, as in alpacon-mcp");
        vault["alpacon/workspaces"].Split(',').ShouldBe(["company-main", "company-backup", "backup-site", "production"], ignoreOrder: true);
    }

    [Fact]
    public async Task Import_CloudStackWebOpsAndCloudwaysVariables_UnderTheAdaptersNames()
    {
        var (code, stdout, stderr) = await Bastion(
            new()
            {
                ["CLOUDSTACK_API_URL"] = "http://127.0.0.1:8080/client/api",
                ["CLOUDSTACK_API_KEY"] = "cs-key-111",
                ["CLOUDSTACK_SECRET_KEY"] = "cs-secret-222",
                ["CLOUDSTACK_USERNAME"] = "ops-bot",
                ["CLOUDSTACK_PASSWORD"] = "cs-password-555",
                ["WEBOPS_API_URL"] = "http://localhost:8000",
                ["WEBOPS_API_KEY"] = "wo-key-333",
                ["CLOUDWAYS_EMAIL"] = "ops@example.com",
                ["CLOUDWAYS_API_KEY"] = "cw-key-444",
            },
            "import");

        code.ShouldBe(0, stderr);
        foreach (var secret in new[] { "cs-key-111", "cs-secret-222", "cs-password-555", "wo-key-333", "cw-key-444" })
        {
            (stdout + stderr).ShouldNotContain(secret);
        }

        var vault = Vault();
        vault["cloudstack/url"].ShouldBe("http://127.0.0.1:8080/client/api");
        vault["cloudstack/api-key"].ShouldBe("cs-key-111");
        vault["cloudstack/secret-key"].ShouldBe("cs-secret-222");
        vault["cloudstack/username"].ShouldBe("ops-bot");
        vault["cloudstack/password"].ShouldBe("cs-password-555");
        vault["webops/url"].ShouldBe("http://localhost:8000");
        vault["webops/token"].ShouldBe("wo-key-333");
        vault["cloudways/email"].ShouldBe("ops@example.com");
        vault["cloudways/api-key"].ShouldBe("cw-key-444");
    }

    [Fact]
    public async Task Import_RefusesAFileOfAnotherShape_AndSaysSo_WhenNothingIsFound()
    {
        var file = Path.Combine(_home, "token.json");
        await File.WriteAllTextAsync(file, """{"ap1": "not-an-object"}""");

        var (code, _, stderr) = await Bastion([], "import", "--alpacon-tokens", file);
        code.ShouldBe(1);
        stderr.ShouldContain("is not an alpacon-mcp token file");
        File.Exists(Path.Combine(_data, "vault.json")).ShouldBeFalse();

        (code, _, stderr) = await Bastion([], "import", "--no-env");
        code.ShouldBe(1);
        stderr.ShouldContain("Nothing to import");
    }

    [Fact]
    public async Task EnvironmentCredentials_ReachThePlatform_WithoutImport_AndNeverShow()
    {
        await using var fake = await CloudStackFake.StartAsync();
        var environment = new Dictionary<string, string?>
        {
            ["CLOUDSTACK_API_URL"] = fake.Url.ToString(),
            ["CLOUDSTACK_API_KEY"] = fake.Options.ApiKey,
            ["CLOUDSTACK_SECRET_KEY"] = fake.Options.SecretKey,
        };

        var (code, stdout, stderr) = await Bastion(environment, "call", "cloudstack_list", "resource=zones", "--log-level", "Trace");
        code.ShouldBe(0, stderr);
        stdout.ShouldContain(FakeSeed.ZoneA);
        fake.Count("listZones").ShouldBeGreaterThan(0);

        var (echoCode, echoed, echoErrors) = await Bastion(environment, "call", "commands_run", "target=local", "command=printenv CLOUDSTACK_SECRET_KEY CLOUDSTACK_API_KEY", "--mode", "admin", "--yes");
        echoCode.ShouldBe(0, echoErrors);

        File.Exists(Path.Combine(_data, "vault.json")).ShouldBeFalse("run-time variables are never written");
        var audit = await File.ReadAllTextAsync(Path.Combine(_data, "audit", "audit.jsonl"));
        foreach (var secret in new[] { fake.Options.ApiKey, fake.Options.SecretKey })
        {
            stdout.ShouldNotContain(secret);
            stderr.ShouldNotContain(secret);
            echoed.ShouldNotContain(secret);
            echoErrors.ShouldNotContain(secret);
            audit.ShouldNotContain(secret);
        }

        JsonDocument.Parse(echoed).RootElement.GetProperty("summary").ValueKind.ShouldBe(JsonValueKind.Object);
    }

    [Fact]
    public async Task Doctor_ChecksEachConfiguredPlatform_AndSaysHowToFixIt()
    {
        await using var fake = await CloudStackFake.StartAsync();
        var environment = new Dictionary<string, string?>
        {
            ["CLOUDSTACK_API_URL"] = fake.Url.ToString(),
            ["CLOUDSTACK_API_KEY"] = fake.Options.ApiKey,
            ["CLOUDSTACK_SECRET_KEY"] = fake.Options.SecretKey,
        };

        var (code, stdout, _) = await Bastion(environment, "doctor", "--no-hosts");
        code.ShouldBe(0, stdout);
        stdout.ShouldMatch(@"platform cloudstack\W+ok");
        fake.Count("listZones").ShouldBeGreaterThan(0);

        environment["CLOUDSTACK_SECRET_KEY"] = "not-the-secret-key-0000";
        (code, stdout, _) = await Bastion(environment, "doctor", "--no-hosts");
        code.ShouldBe(1, stdout);
        stdout.ShouldMatch(@"platform cloudstack\W+fail");
        stdout.ShouldContain("bastion call cloudstack_status");
        stdout.ShouldNotContain("not-the-secret-key-0000");
    }
}
