using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bastion.Tests;

/// <summary>
/// <c>bastion config CLIENT</c>: JSON alone on stdout; <c>--install</c> merges into each client's own file in a
/// temporary HOME (beside an unrelated server entry, a backup written, invalid JSON refused untouched); the <c>--dnx</c>
/// and <c>--http</c> forms.
/// </summary>
public sealed class ConfigInstallCliTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("bastion-home-").FullName;
    private readonly string _data = Directory.CreateTempSubdirectory("bastion-config-").FullName;

    public void Dispose()
    {
        Directory.Delete(_home, recursive: true);
        Directory.Delete(_data, recursive: true);
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> Bastion(IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var all = new Dictionary<string, string?> { ["HOME"] = _home, ["XDG_CONFIG_HOME"] = null };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            all[name] = value;
        }

        return BastionProcess.RunInAsync(_data, null, all, args);
    }

    public static TheoryData<string, string, string> Clients => new()
    {
        { "claude-desktop", ".config/Claude/claude_desktop_config.json", "mcpServers" },
        { "claude-code", ".claude.json", "mcpServers" },
        { "cursor", ".cursor/mcp.json", "mcpServers" },
        { "vscode", ".config/Code/User/mcp.json", "servers" },
        { "continue", ".continue/mcpServers/bastion.json", "mcpServers" },
        { "windsurf", ".codeium/windsurf/mcp_config.json", "mcpServers" },
    };

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task Install_MergesBesideOtherEntries_AndKeepsABackup(string client, string relative, string container)
    {
        var file = Path.Combine(_home, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var original = "{\"theme\": \"dark\", \"" + container + "\": {\"other\": {\"command\": \"other-server\", \"args\": [\"--x\"]}}}";
        await File.WriteAllTextAsync(file, original);

        var (code, stdout, stderr) = await Bastion(null, "config", client, "--install", "--mode", "operator");

        code.ShouldBe(0, stderr);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain($"Added \"bastion\" in {file}; the previous file is kept as {file}.bak.");
        (await File.ReadAllTextAsync(file + ".bak")).ShouldBe(original);
        var root = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject();
        root["theme"]!.GetValue<string>().ShouldBe("dark");
        root[container]!["other"]!["command"]!.GetValue<string>().ShouldBe("other-server");
        var entry = root[container]!["bastion"]!;
        // Run through the dotnet host in tests: dotnet …/bastion.dll serve …
        entry["args"]!.AsArray().Select(a => a!.GetValue<string>()).TakeLast(5).ShouldBe(["serve", "--data-dir", _data, "--mode", "operator"]);
        if (client is "vscode" or "claude-code")
        {
            entry["type"]!.GetValue<string>().ShouldBe("stdio");
        }

        (code, _, stderr) = await Bastion(null, "config", client, "--install");
        code.ShouldBe(0, stderr);
        stderr.ShouldContain("Replaced \"bastion\"");
        JsonNode.Parse(await File.ReadAllTextAsync(file))![container]!.AsObject().Select(p => p.Key).ShouldBe(["other", "bastion"]);
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task Install_CreatesTheFile_WhenTheClientHasNone(string client, string relative, string container)
    {
        var (code, _, stderr) = await Bastion(null, "config", client, "--install");

        code.ShouldBe(0, stderr);
        var file = Path.Combine(_home, relative);
        JsonNode.Parse(await File.ReadAllTextAsync(file))![container]!["bastion"]!["command"].ShouldNotBeNull();
        File.Exists(file + ".bak").ShouldBeFalse();
        File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Theory]
    [InlineData("{\"mcpServers\": {\"other\": {}},")]
    [InlineData("// my servers\n{\"mcpServers\": {}}")]
    [InlineData("[1, 2]")]
    public async Task Install_RefusesInvalidJson_WithoutTouchingTheFile(string content)
    {
        var file = Path.Combine(_home, ".cursor", "mcp.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, content);

        var (code, _, stderr) = await Bastion(null, "config", "cursor", "--install");

        code.ShouldBe(1);
        stderr.ShouldContain($"{file} is not");
        stderr.ShouldContain("left untouched");
        (await File.ReadAllTextAsync(file)).ShouldBe(content);
        File.Exists(file + ".bak").ShouldBeFalse();
        Directory.GetFiles(Path.GetDirectoryName(file)!).ShouldBe([file]);
    }

    [Fact]
    public async Task Config_PrintsOnlyJson_OnStdout()
    {
        var (code, stdout, stderr) = await Bastion(null, "config", "vscode");

        code.ShouldBe(0, stderr);
        JsonDocument.Parse(stdout).RootElement.GetProperty("servers").GetProperty("bastion").GetProperty("type").GetString().ShouldBe("stdio");
        stderr.ShouldContain("bastion config vscode --install");
    }

    [Fact]
    public async Task Config_Dnx_RunsThePackage_WithTheModeFromTheEnvironment()
    {
        var (code, stdout, stderr) = await Bastion(null, "config", "claude-desktop", "--dnx", "--mode", "operator");

        code.ShouldBe(0, stderr);
        var entry = JsonDocument.Parse(stdout).RootElement.GetProperty("mcpServers").GetProperty("bastion");
        entry.GetProperty("command").GetString().ShouldBe("dnx");
        entry.GetProperty("args").EnumerateArray().Select(a => a.GetString()).ShouldBe(["BastionMcp", "--yes"]);
        entry.GetProperty("env").GetProperty("BASTION_MODE").GetString().ShouldBe("operator");
    }

    [Fact]
    public async Task Config_Http_UsesMcpRemote_WhereTheClientHasNoHttp_AndNeverPrintsTheKey()
    {
        const string key = "bk_test_4c1d0e9f7a2b";
        var environment = new Dictionary<string, string?> { ["MY_BASTION_KEY"] = key };

        var (code, stdout, stderr) = await Bastion(environment, "config", "claude-desktop", "--http", "https://mcp.example.com/mcp", "--key-env", "MY_BASTION_KEY");
        code.ShouldBe(0, stderr);
        stdout.ShouldNotContain(key);
        var remote = JsonDocument.Parse(stdout).RootElement.GetProperty("mcpServers").GetProperty("bastion");
        remote.GetProperty("command").GetString().ShouldBe("npx");
        remote.GetProperty("args").EnumerateArray().Select(a => a.GetString()).ShouldBe(["-y", "mcp-remote", "https://mcp.example.com/mcp", "--header", "Authorization: Bearer ${MY_BASTION_KEY}"]);

        (code, stdout, stderr) = await Bastion(environment, "config", "claude-desktop", "--http", "https://mcp.example.com/mcp", "--key-env", "MY_BASTION_KEY", "--install");
        code.ShouldBe(0, stderr);
        (stdout + stderr).ShouldNotContain(key);
        var installed = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_home, ".config", "Claude", "claude_desktop_config.json")))!;
        installed["mcpServers"]!["bastion"]!["env"]!["MY_BASTION_KEY"]!.GetValue<string>().ShouldBe(key);

        (code, stdout, stderr) = await Bastion(environment, "config", "cursor", "--http", "https://mcp.example.com/mcp", "--key-env", "MY_BASTION_KEY");
        code.ShouldBe(0, stderr);
        var cursor = JsonDocument.Parse(stdout).RootElement.GetProperty("mcpServers").GetProperty("bastion");
        cursor.GetProperty("url").GetString().ShouldBe("https://mcp.example.com/mcp");
        cursor.GetProperty("headers").GetProperty("Authorization").GetString().ShouldBe("Bearer ${env:MY_BASTION_KEY}");
    }

    [Fact]
    public async Task Config_RefusesABadUrl_OrKeyName()
    {
        var (code, _, stderr) = await Bastion(null, "config", "cursor", "--http", "mcp.example.com");
        code.ShouldBe(1);
        stderr.ShouldContain("is not a URL");

        (code, _, stderr) = await Bastion(null, "config", "cursor", "--http", "https://mcp.example.com/mcp", "--key-env", "1-bad");
        code.ShouldBe(1);
        stderr.ShouldContain("is not an environment variable name");
    }
}
