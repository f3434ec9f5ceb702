using System.Text.Json;

namespace Bastion.Tests;

/// <summary><c>bastion keys …</c> run as processes, each test in a data directory of its own.</summary>
public sealed class KeysCliTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("bastion-keys-cli-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private Task<(int ExitCode, string Stdout, string Stderr)> Bastion(params string[] args) => BastionProcess.RunInAsync(_data, args);

    [Fact]
    public async Task Keys_CreateListRevokeList_ShowsTheKeyOnceAndNeverItsSecretOrHash()
    {
        var (code, stdout, stderr) = await Bastion("keys", "create", "--tenant", "acme", "--scopes", "metrics:read,hosts:read", "--name", "ci bot", "--expires", "30d");
        code.ShouldBe(0, stderr);
        var token = stdout.Trim();
        token.ShouldMatch("^bst_[a-z2-7]{8}_[A-Za-z0-9_-]{43}$");
        var id = token[4..12];
        var secret = token[13..];
        stderr.ShouldContain($"Created API key {id} for tenant acme (scopes: hosts:read, metrics:read; expires: ");
        stderr.ShouldContain("will not be shown again");

        (code, stdout, stderr) = await Bastion("keys", "list");
        code.ShouldBe(0, stderr);
        stdout.ShouldContain(id);
        stdout.ShouldContain("acme");
        stdout.ShouldContain("ci bot");
        stdout.ShouldContain("hosts:read, metrics:read");
        stdout.ShouldContain("active");
        stdout.ShouldNotContain(secret);
        var hash = await HashOnDiskAsync(id);
        stdout.ShouldNotContain(hash);

        (code, stdout, stderr) = await Bastion("keys", "revoke", id);
        code.ShouldBe(0, stderr);
        stdout.ShouldContain($"Revoked API key {id} (tenant acme).");

        (code, stdout, stderr) = await Bastion("keys", "list", "--json");
        code.ShouldBe(0, stderr);
        stdout.ShouldNotContain(secret);
        stdout.ShouldNotContain(hash);
        using var json = JsonDocument.Parse(stdout);
        var key = json.RootElement.EnumerateArray().ShouldHaveSingleItem();
        key.GetProperty("id").GetString().ShouldBe(id);
        key.GetProperty("tenant").GetString().ShouldBe("acme");
        key.GetProperty("name").GetString().ShouldBe("ci bot");
        key.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).ShouldBe(["hosts:read", "metrics:read"]);
        key.GetProperty("state").GetString().ShouldBe("revoked");
        key.GetProperty("revoked").GetString().ShouldNotBeNull();
        key.TryGetProperty("sha256", out _).ShouldBeFalse();

        (code, stdout, _) = await Bastion("keys", "list");
        code.ShouldBe(0);
        stdout.ShouldContain("revoked 20");

        (code, stdout, _) = await Bastion("keys", "revoke", id);
        code.ShouldBe(0);
        stdout.ShouldContain("was already revoked at");

        (await File.ReadAllTextAsync(Path.Combine(_data, "keys.json"))).ShouldNotContain(secret);
        File.GetUnixFileMode(Path.Combine(_data, "keys.json")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Theory]
    [InlineData("Acme", "hosts:read", "Invalid tenant name 'Acme': use 1-63 characters")]
    [InlineData("acme", "hosts:read,root", "Unknown scope 'root'. Known scopes: hosts:read")]
    public async Task Keys_Create_RefusesABadTenantOrScope_WithExitCodeOne(string tenant, string scopes, string message)
    {
        var (code, stdout, stderr) = await Bastion("keys", "create", "--tenant", tenant, "--scopes", scopes);

        code.ShouldBe(1);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain(message);
        File.Exists(Path.Combine(_data, "keys.json")).ShouldBeFalse();
    }

    [Fact]
    public async Task Keys_Create_RefusesABadExpiry_SayingWhatIsAccepted()
    {
        var (code, stdout, stderr) = await Bastion("keys", "create", "--tenant", "acme", "--scopes", "hosts:read", "--expires", "soon");

        code.ShouldBe(1);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("--expires 'soon' is not accepted: give a duration from now in hours, days or weeks (12h, 30d, 4w)");
    }

    [Fact]
    public async Task Keys_Revoke_OfAnUnknownId_ExitsWithOne()
    {
        var (code, _, stderr) = await Bastion("keys", "revoke", "aaaaaaaa");

        code.ShouldBe(1);
        stderr.ShouldContain("No API key has the id aaaaaaaa. See `bastion keys list`.");
    }

    [Fact]
    public async Task Keys_List_WhenThereAreNone_SaysHowToCreateOne()
    {
        var (code, stdout, _) = await Bastion("keys", "list");

        code.ShouldBe(0);
        stdout.ShouldContain("No API keys. Create one with `bastion keys create");
        (await Bastion("keys", "list", "--json")).Stdout.Trim().ShouldBe("[]");
    }

    private async Task<string> HashOnDiskAsync(string id)
    {
        using var file = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_data, "keys.json")));
        return file.RootElement.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("id").GetString() == id).GetProperty("sha256").GetString()!;
    }
}
