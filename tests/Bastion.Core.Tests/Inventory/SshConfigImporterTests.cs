using Bastion.Core.Inventory;
using Bastion.Core.Inventory.Import;

namespace Bastion.Core.Tests.Inventory;

public sealed class SshConfigImporterTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("bastion-ssh-import-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private static Host Ssh(string name, string address, int? port = null, string? user = null, string? identityFile = null, string? jump = null) =>
        new(name, HostKind.Ssh, address, port, user, identityFile, jump, [], new Dictionary<string, string>());

    private static void ShouldBeHosts(ImportResult result, params Host[] expected)
    {
        result.Hosts.Select(h => h.Name).ShouldBe(expected.Select(h => h.Name));
        foreach (var (actual, wanted) in result.Hosts.Zip(expected))
        {
            actual.SameAs(wanted).ShouldBeTrue($"{actual} should be {wanted}");
        }
    }

    [Fact]
    public void Parse_ImportsEveryConcreteAlias_FromARealisticConfig()
    {
        var includes = new List<string>();
        var result = SshConfigImporter.Parse(Fixture.Read("import/ssh_config"), pattern =>
        {
            includes.Add(pattern);
            return "Host git-mirror\n    HostName mirror.example.org\n    User git\n";
        });

        includes.ShouldBe(["config.d/*.conf"]);
        ShouldBeHosts(
            result,
            Ssh("git-mirror", "mirror.example.org", user: "git"),
            Ssh("bastion", "203.0.113.10", 2222, "ops", "~/.ssh/id_ed25519_bastion"),
            Ssh("bastion.example.net", "203.0.113.10", 2222, "ops", "~/.ssh/id_ed25519_bastion"),
            Ssh("web1", "web1.internal.example.net", 8022, "deploy", jump: "ops@bastion.example.net:2222"),
            Ssh("web2", "web2.internal.example.net", user: "deploy", jump: "ops@bastion.example.net:2222"),
            Ssh("legacy", "192.0.2.44"));
        result.Skipped.ShouldBe([
            "Host pattern '*.internal.example.net' skipped: wildcard patterns are not hosts.",
            "Host pattern '!legacy.internal.example.net' skipped: negated patterns exclude hosts, they do not name one.",
            "Match block at line 35 skipped: ssh evaluates Match conditions when it connects, so they name no host.",
            "Host pattern '*' skipped: wildcard patterns are not hosts.",
            $"Host 'db-primary' skipped: user 'db admin' is invalid: use {HostValidator.UserRule}.",
            "Host 'gitlab' skipped: Port 'git' is not a whole number from 1 to 65535.",
        ]);
    }

    [Fact]
    public void Parse_ReportsIncludes_WhenNoReaderIsGiven()
    {
        var result = SshConfigImporter.Parse(Fixture.Read("import/ssh_config"));
        result.Skipped.ShouldContain("Include 'config.d/*.conf' at line 7 not followed: no way to read included files was given.");
        result.Hosts[0].Name.ShouldBe("bastion");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n")]
    [InlineData("# only a comment\n\n   # another\n")]
    [InlineData("User admin\nPort 2222\nForwardAgent yes\n")]
    public void Parse_ReturnsNothing_ForTextWithoutHosts(string text)
    {
        var result = SshConfigImporter.Parse(text);
        result.Hosts.ShouldBeEmpty();
        result.Skipped.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Host web\n  Port 2200")]
    [InlineData("Host web\n  Port=2200")]
    [InlineData("Host web\n  Port = 2200")]
    [InlineData("Host=web\n  port\t2200")]
    [InlineData("HOST web\r\n\tPORT \"2200\"\r\n")]
    [InlineData("host web # the web server\n  port 2200 # not 22")]
    public void Parse_AcceptsEveryKeywordForm(string text) =>
        ShouldBeHosts(SshConfigImporter.Parse(text), Ssh("web", "web", 2200));

    [Fact]
    public void Parse_KeepsTheFirstValue_WhenAnOptionRepeatsInABlock()
    {
        var result = SshConfigImporter.Parse("Host web\n User first\n User second\n IdentityFile ~/.ssh/a\n IdentityFile ~/.ssh/b\n");
        ShouldBeHosts(result, Ssh("web", "web", user: "first", identityFile: "~/.ssh/a"));
    }

    [Fact]
    public void Parse_MergesARepeatedAlias_FirstValuesWinning_WithoutDuplicates()
    {
        var result = SshConfigImporter.Parse("Host web\n User first\nHost db WEB\n User second\n Port 2200\nHost web\n HostName web.example.com\n");
        ShouldBeHosts(result, Ssh("web", "web.example.com", 2200, "first"), Ssh("db", "db", 2200, "second"));
    }

    [Fact]
    public void Parse_TakesEveryAliasOfAHostLine_AndSkipsPatterns()
    {
        var result = SshConfigImporter.Parse("Host a b web? *.lan !c d\n  User u\n");
        ShouldBeHosts(result, Ssh("a", "a", user: "u"), Ssh("b", "b", user: "u"), Ssh("d", "d", user: "u"));
        result.Skipped.ShouldBe([
            "Host pattern 'web?' skipped: wildcard patterns are not hosts.",
            "Host pattern '*.lan' skipped: wildcard patterns are not hosts.",
            "Host pattern '!c' skipped: negated patterns exclude hosts, they do not name one.",
        ]);
    }

    [Fact]
    public void Parse_IgnoresGlobalAndWildcardOptions()
    {
        var result = SshConfigImporter.Parse("User global\nPort 1\nHost *\n User star\nHost web\n");
        ShouldBeHosts(result, Ssh("web", "web"));
    }

    [Fact]
    public void Parse_SkipsMatchBlocks_UntilTheNextHostLine()
    {
        var result = SshConfigImporter.Parse("Host web\n User u\nMatch all\n User matched\n Port 99\nMatch user root\n HostName x\nHost db\n Port 2200\n");
        ShouldBeHosts(result, Ssh("web", "web", user: "u"), Ssh("db", "db", 2200));
        result.Skipped.ShouldBe([
            "Match block at line 3 skipped: ssh evaluates Match conditions when it connects, so they name no host.",
            "Match block at line 6 skipped: ssh evaluates Match conditions when it connects, so they name no host.",
        ]);
    }

    [Theory]
    [InlineData("%h.example.com", "web.example.com")]
    [InlineData("10.0.%h.example", "10.0.web.example")]
    [InlineData("%h-%h.lan", "web-web.lan")]
    public void Parse_ExpandsHostNameTokens(string hostName, string address) =>
        SshConfigImporter.Parse($"Host web\n HostName {hostName}\n").Hosts.Single().Address.ShouldBe(address);

    [Fact]
    public void Parse_ReadsProxyJump_NoneMeaningDirect()
    {
        var result = SshConfigImporter.Parse("Host a\n ProxyJump none\n ProxyJump gw\nHost b\n ProxyJump admin@gw:2222,gw2\n");
        result.Hosts.Select(h => h.Jump).ShouldBe([null, "admin@gw:2222,gw2"]);
    }

    [Theory]
    [InlineData("ssh")]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("-22")]
    public void Parse_SkipsAHost_WhosePortIsNotAPort(string port)
    {
        var result = SshConfigImporter.Parse($"Host bad\n Port {port}\nHost good\n");
        ShouldBeHosts(result, Ssh("good", "good"));
        result.Skipped.ShouldBe([$"Host 'bad' skipped: Port '{port}' is not a whole number from 1 to 65535."]);
    }

    [Fact]
    public void Parse_SkipsInvalidAndReservedAliases_WithTheReason()
    {
        var result = SshConfigImporter.Parse("Host db@1 local all _hidden ok\n");
        ShouldBeHosts(result, Ssh("ok", "ok"));
        result.Skipped.ShouldBe([
            $"Host 'db@1' skipped: invalid host name: use {HostNames.Rule}.",
            "Host 'local' skipped: the name is reserved (local, all).",
            "Host 'all' skipped: the name is reserved (local, all).",
            $"Host '_hidden' skipped: invalid host name: use {HostNames.Rule}.",
        ]);
    }

    [Theory]
    [InlineData("Host web\n  IdentityFile \"~/.ssh/my key", "line 2: the quote \" is never closed")]
    [InlineData("\n\nHost\n", "line 3: 'Host' needs at least one pattern")]
    [InlineData("Host web\n Port\n", "line 2: 'Port' needs a value")]
    [InlineData("Host web\n User \"\"\n", "line 2: 'User' needs a value")]
    [InlineData("Host web\n HostName a b\n", "line 2: 'HostName' takes one value, found 2: a b")]
    [InlineData("Host web\n = value\n", "line 2: expected 'Keyword value' or 'Keyword=value'")]
    [InlineData("Include\n", "line 1: 'Include' needs at least one file")]
    [InlineData("Match all\n User \"x\n", "line 2: the quote \" is never closed")]
    public void Parse_Throws_OnALineThatCannotBeParsed(string text, string message) =>
        Should.Throw<FormatException>(() => SshConfigImporter.Parse(text)).Message.ShouldContain(message);

    [Fact]
    public void Parse_ContinuesTheEnclosingBlock_AcrossAnInclude()
    {
        var files = new Dictionary<string, string> { ["common"] = "User from-include\nHost inner\n Port 2201\n" };
        var result = SshConfigImporter.Parse("Host outer\n Include missing common\n Port 2200\n", p => files.GetValueOrDefault(p));
        ShouldBeHosts(result, Ssh("outer", "outer", 2200, "from-include"), Ssh("inner", "inner", 2201));
    }

    [Fact]
    public void Parse_SkipsIncludes_InsideMatchBlocks()
    {
        var read = new List<string>();
        var result = SshConfigImporter.Parse("Match all\n Include other\nHost web\n", p =>
        {
            read.Add(p);
            return "Host other\n";
        });
        read.ShouldBeEmpty();
        ShouldBeHosts(result, Ssh("web", "web"));
    }

    [Fact]
    public void Parse_Throws_OnAnIncludeLoop() =>
        Should.Throw<FormatException>(() => SshConfigImporter.Parse("Include self\n", _ => "Include self\n"))
            .Message.ShouldContain("'self' line 1: Include nested more than 16 files deep");

    [Fact]
    public void Parse_NamesTheIncludedFile_InErrors() =>
        Should.Throw<FormatException>(() => SshConfigImporter.Parse("Include extra\n", _ => "Host a\n Port\n"))
            .Message.ShouldStartWith("'extra' line 2: 'Port' needs a value");

    [Fact]
    public void Import_ReadsIncludes_RelativeToDotSsh_HomeExpanded_AndGlobbed()
    {
        var ssh = Directory.CreateDirectory(Path.Combine(_home, ".ssh")).FullName;
        var confD = Directory.CreateDirectory(Path.Combine(ssh, "config.d")).FullName;
        var elsewhere = Directory.CreateDirectory(Path.Combine(_home, "elsewhere")).FullName;
        File.WriteAllText(Path.Combine(confD, "20-db.conf"), "Host db\n  HostName 10.0.0.2\n");
        File.WriteAllText(Path.Combine(confD, "10-web.conf"), "Host web\n  HostName 10.0.0.1\n");
        File.WriteAllText(Path.Combine(confD, "notes.txt"), "Host not-included\n");
        File.WriteAllText(Path.Combine(_home, "team.conf"), "Host team\n  User ops\n");
        File.WriteAllText(Path.Combine(elsewhere, "abs.conf"), "Host abs\n  Port 2022\n");
        var config = Path.Combine(ssh, "config");
        File.WriteAllText(config, $"""
            Include config.d/*.conf
            Include ~/team.conf {Path.Combine(elsewhere, "abs.conf")} missing.conf nodir/*.conf
            Include */*.conf
            Host main
              HostName main.example.com
            """);

        var result = SshConfigImporter.Import(config, _home);

        ShouldBeHosts(
            result,
            Ssh("web", "10.0.0.1"), Ssh("db", "10.0.0.2"), Ssh("team", "team", user: "ops"), Ssh("abs", "abs", 2022), Ssh("main", "main.example.com"));
        result.Skipped.ShouldBe([$"Include '*/*.conf' at '{config}' line 3 not followed: wildcards are supported in the file name only, not in directories."]);
    }

    [Fact]
    public void Import_ExpandsHome_InThePathItIsGiven()
    {
        Directory.CreateDirectory(Path.Combine(_home, ".ssh"));
        File.WriteAllText(Path.Combine(_home, ".ssh", "config"), "Host web\n");
        SshConfigImporter.Import("~/.ssh/config", _home).Hosts.Single().Name.ShouldBe("web");
    }

    [Fact]
    public void Import_NamesTheFileAndLine_OnAMalformedInclude()
    {
        var bad = Path.Combine(_home, "bad.conf");
        File.WriteAllText(bad, "Host a\n  User \"unclosed\n");
        var config = Path.Combine(_home, "config");
        File.WriteAllText(config, $"Include {bad}\n");
        Should.Throw<FormatException>(() => SshConfigImporter.Import(config, _home)).Message.ShouldStartWith($"'{bad}' line 2:");
    }

    [Fact]
    public void Import_Throws_WhenTheFileIsMissing() =>
        Should.Throw<FileNotFoundException>(() => SshConfigImporter.Import(Path.Combine(_home, "nope"), _home));

    [Theory]
    [InlineData("HostName -oProxyCommand=sh", "address '-oProxyCommand=sh' is invalid")]
    [InlineData("HostName \"localhost$(touch /tmp/x)\"", "address 'localhost$(touch /tmp/x)' is invalid")]
    [InlineData("User $(id)", "user '$(id)' is invalid")]
    [InlineData("ProxyJump -oProxyCommand=sh", "jump '-oProxyCommand=sh' is invalid")]
    [InlineData("IdentityFile -oProxyCommand=sh", "identity_file '-oProxyCommand=sh' is invalid")]
    public void Parse_SkipsAHostWithOptionOrShellShapedValues_ByTheInventoryRule(string option, string reason)
    {
        var result = SshConfigImporter.Parse($"Host bad\n  {option}\nHost good\n  HostName 10.0.0.2\n");
        result.Hosts.ShouldHaveSingleItem().Name.ShouldBe("good");
        result.Skipped.ShouldHaveSingleItem().ShouldStartWith("Host 'bad' skipped: ");
        result.Skipped[0].ShouldContain(reason);
    }
}
