using Bastion.Core.Inventory;
using Bastion.Core.Inventory.Import;

namespace Bastion.Core.Tests.Inventory;

public class AnsibleInventoryImporterTests
{
    private static Host Single(string text) => AnsibleInventoryImporter.Parse(text).Hosts.ShouldHaveSingleItem();

    private static Host Named(ImportResult result, string name) => result.Hosts.Single(h => h.Name == name);

    [Fact]
    public void Parse_ImportsARealisticInventory()
    {
        var result = AnsibleInventoryImporter.Parse(Fixture.Read("import/ansible-hosts.ini"));

        result.Hosts.Select(h => h.Name).ShouldBe([
            "bastion.example.net", "10.0.0.5", "web01.example.net", "web02.example.net", "web03.example.net",
            "web-canary.example.net", "db-a", "db-b", "db-c", "lb1", "stage-web",
        ]);
        result.Hosts.ShouldAllBe(h => h.Kind == HostKind.Ssh && h.Jump == null);
        result.Skipped.ShouldBe([
            "Host 'localhost' skipped: its ansible_connection is 'local', and Bastion reaches hosts over SSH only (ssh, paramiko, smart).",
        ]);

        var bastion = Named(result, "bastion.example.net");
        bastion.SameAs(new Host(
            "bastion.example.net", HostKind.Ssh, "203.0.113.10", null, "ops", null, null, [],
            new Dictionary<string, string> { ["datacenter"] = "fra1", ["env"] = "unknown" })).ShouldBeTrue(bastion.ToString());

        var ip = Named(result, "10.0.0.5");
        (ip.Address, ip.Port, ip.Groups.Count).ShouldBe(("10.0.0.5", 2222, 0));

        var web = Named(result, "web02.example.net");
        web.SameAs(new Host(
            "web02.example.net", HostKind.Ssh, "web02.example.net", null, "deploy", null, null, ["prod", "web"],
            new Dictionary<string, string> { ["datacenter"] = "fra1", ["env"] = "prod", ["http_port"] = "8080", ["owner"] = "platform team", ["role"] = "web" }))
            .ShouldBeTrue(web.ToString());

        var canary = Named(result, "web-canary.example.net");
        (canary.Port, canary.Labels["role"]).ShouldBe((8022, "canary web"));

        var db = Named(result, "db-b");
        db.SameAs(new Host(
            "db-b", HostKind.Ssh, "10.20.0.5", null, "postgres", "~/.ssh/db.pem", null, ["db", "prod"],
            new Dictionary<string, string> { ["datacenter"] = "fra1", ["env"] = "prod", ["owner"] = "platform team", ["tier"] = "data" }))
            .ShouldBeTrue(db.ToString());
        (Named(result, "db-c").Address, Named(result, "db-c").Port).ShouldBe(("10.20.0.7", 5022));

        Named(result, "lb1").Groups.ShouldBe(["lb", "prod"]);
        var stage = Named(result, "stage-web");
        stage.Groups.ShouldBe(["staging"]);
        stage.Labels["env"].ShouldBe("staging");
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n   \n")]
    [InlineData("# comment\n; another\n")]
    [InlineData("[web]\n[web:vars]\nx=1\n[all:vars]\ny=2\n[prod:children]\nweb\n")]
    public void Parse_ReturnsNothing_ForTextWithoutHosts(string text)
    {
        var result = AnsibleInventoryImporter.Parse(text);
        result.Hosts.ShouldBeEmpty();
        result.Skipped.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("web[01:03]", new[] { "web01", "web02", "web03" })]
    [InlineData("web[1:3]", new[] { "web1", "web2", "web3" })]
    [InlineData("web[8:11]x", new[] { "web8x", "web9x", "web10x", "web11x" })]
    [InlineData("web[:2]", new[] { "web0", "web1", "web2" })]
    [InlineData("db-[a:c]", new[] { "db-a", "db-b", "db-c" })]
    [InlineData("n[y:B]", new[] { "ny", "nz", "nA", "nB" })]
    [InlineData("h[1:10:4]", new[] { "h1", "h5", "h9" })]
    [InlineData("h[a:e:2]", new[] { "ha", "hc", "he" })]
    [InlineData("r[1:2]-[a:b].lan", new[] { "r1-a.lan", "r1-b.lan", "r2-a.lan", "r2-b.lan" })]
    [InlineData("rack[01:02]:2222", new[] { "rack01", "rack02" })]
    public void Parse_ExpandsHostRanges(string pattern, string[] names) =>
        AnsibleInventoryImporter.Parse($"[g]\n{pattern}\n").Hosts.Select(h => h.Name).ShouldBe(names);

    [Theory]
    [InlineData("web[3:1]", "malformed host range '[3:1]' in 'web[3:1]': the start comes after the end")]
    [InlineData("web[c:a]", "the start comes after the end")]
    [InlineData("web[a:3]", "start and end must both be whole numbers or both single letters")]
    [InlineData("web[aa:ab]", "start and end must both be whole numbers or both single letters")]
    [InlineData("web[1:]", "the range has no end")]
    [InlineData("web[1:5:0]", "the step must be a whole number of at least 1")]
    [InlineData("web[1:5:x]", "the step must be a whole number of at least 1")]
    [InlineData("web[1:2:3:4]", "use [start:end] or [start:end:step]")]
    [InlineData("web[01:100]", "the end needs 2 digits too")]
    [InlineData("ok[1:2]-[5:4]", "'[5:4]'")]
    public void Parse_Throws_OnAMalformedRange_NamingTheLine(string pattern, string message)
    {
        var error = Should.Throw<FormatException>(() => AnsibleInventoryImporter.Parse($"# hosts\n[g]\n{pattern} x=1\n"));
        error.Message.ShouldStartWith("line 3: ");
        error.Message.ShouldContain(message);
    }

    [Fact]
    public void Parse_KeepsABracketWithoutColon_AsAName_AndSkipsIt() =>
        AnsibleInventoryImporter.Parse("web[1]\n").Skipped.ShouldBe([$"Host 'web[1]' skipped: invalid host name: use {HostNames.Rule}."]);

    [Fact]
    public void Parse_AppliesVariables_HostOverChildOverParentOverAll()
    {
        const string text = """
            [all:vars]
            a=all
            b=all
            c=all
            d=all

            [parent:vars]
            b=parent
            c=parent
            d=parent

            [child:vars]
            c=child
            d=child

            [parent:children]
            child

            [child]
            h1 d=host
            """;
        Single(text).Labels.ShouldBe(new Dictionary<string, string> { ["a"] = "all", ["b"] = "parent", ["c"] = "child", ["d"] = "host" });
    }

    [Fact]
    public void Parse_LetsTheDeeperGroupWin_EvenWhenTheHostIsAlsoInTheParent() =>
        Single("[child]\nh1\n[parent]\nh1\n[parent:children]\nchild\n[parent:vars]\nx=parent\n[child:vars]\nx=child\n")
            .Labels["x"].ShouldBe("child");

    [Fact]
    public void Parse_OrdersUnrelatedGroupsByName_TheLaterNameWinning()
    {
        var host = Single("[zeta]\nh1\n[alpha]\nh1\n[zeta:vars]\nx=zeta\nansible_user=z\n[alpha:vars]\nx=alpha\nansible_user=a\n");
        (host.Labels["x"], host.User).ShouldBe(("zeta", "z"));
        host.Groups.ShouldBe(["alpha", "zeta"]);
    }

    [Fact]
    public void Parse_AddsAncestorGroups_ThroughNestedChildren()
    {
        var result = AnsibleInventoryImporter.Parse("[eu:children]\nprod\n[prod:children]\nweb\ndb\n[web]\nw1\n[db]\nd1\n[other]\nw1\n[all:children]\neu\n");
        Named(result, "w1").Groups.ShouldBe(["eu", "other", "prod", "web"]);
        Named(result, "d1").Groups.ShouldBe(["db", "eu", "prod"]);
    }

    [Theory]
    [InlineData("[a:children]\na\n", "line 2: 'a' cannot be a child of 'a'")]
    [InlineData("[a:children]\nb\n[b:children]\nc\n[c:children]\na\n", "line 6: 'a' cannot be a child of 'c': 'c' is already inside 'a'")]
    [InlineData("[a:children]\nall\n", "line 2: 'all' contains every group")]
    [InlineData("[a:children]\nb c\n", "line 2: expected one group name per line in [a:children]")]
    public void Parse_Throws_OnChildrenThatCannotBe(string text, string message) =>
        Should.Throw<FormatException>(() => AnsibleInventoryImporter.Parse(text)).Message.ShouldContain(message);

    [Fact]
    public void Parse_ListsNoGroup_ForUngroupedAndAllHosts()
    {
        var result = AnsibleInventoryImporter.Parse("first\n[all]\nsecond\n[ungrouped]\nthird\n[ungrouped:vars]\nu=1\n");
        result.Hosts.Select(h => h.Groups.Count).ShouldBe([0, 0, 0]);
        result.Hosts.Select(h => h.Labels.GetValueOrDefault("u")).ShouldBe(["1", null, "1"]);
    }

    [Fact]
    public void Parse_ReadsQuotedValues_AndInlineComments()
    {
        var host = Single("""
            [g]
            h1 a="two words" b='single # quoted' c=x#y d="" # a comment
            [g:vars]
            e = "spaced value"   # comment
            f = plain words # comment
            g='quoted'
            h=#not-a-comment
            """);
        host.Labels.ShouldBe(new Dictionary<string, string>
        {
            ["a"] = "two words",
            ["b"] = "single # quoted",
            ["c"] = "x#y",
            ["d"] = "",
            ["e"] = "spaced value",
            ["f"] = "plain words",
            ["g"] = "quoted",
            ["h"] = "#not-a-comment",
        });
    }

    [Fact]
    public void Parse_MapsTheConnectionVariables_AndIgnoresOtherAnsibleOnes()
    {
        var host = Single("h1 ansible_host=10.1.1.1 ansible_port=2200 ansible_user=admin ansible_ssh_private_key_file=~/.ssh/k ansible_become=true ansible_ssh_common_args='-o ProxyJump=gw' env=lab\n");
        host.SameAs(new Host("h1", HostKind.Ssh, "10.1.1.1", 2200, "admin", "~/.ssh/k", null, [], new Dictionary<string, string> { ["env"] = "lab" }))
            .ShouldBeTrue(host.ToString());
    }

    [Theory]
    [InlineData("web1:2200", 2200)]
    [InlineData("web1:2200 ansible_port=2300", 2300)]
    [InlineData("web1 ansible_port=2300", 2300)]
    [InlineData("web1", 2400)]
    public void Parse_ReadsTheNameColonPortSyntax_AsTheHostsOwnPort(string line, int port)
    {
        var host = Single($"[g]\n{line}\n[g:vars]\nansible_port=2400\n");
        (host.Name, host.Port).ShouldBe(("web1", port));
    }

    [Fact]
    public void Parse_MergesAHostListedSeveralTimes_LaterLinesWinning()
    {
        var result = AnsibleInventoryImporter.Parse("h1 a=1 b=1\n[web]\nh1 b=2\nh2\n[db]\nh1 c=3\n");
        result.Hosts.Select(h => h.Name).ShouldBe(["h1", "h2"]);
        var h1 = result.Hosts[0];
        h1.Groups.ShouldBe(["db", "web"]);
        h1.Labels.ShouldBe(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2", ["c"] = "3" });
    }

    [Fact]
    public void Parse_SkipsHostsItCannotImport_WithTheReason()
    {
        var result = AnsibleInventoryImporter.Parse("""
            [g]
            "a b"
            db@1
            local
            fe80::1
            p1 ansible_port=ssh
            p2:99999
            w1 ansible_connection=winrm
            d1 ansible_connection=community.docker.docker
            s1 ansible_connection=ansible.builtin.ssh
            ok
            """);
        result.Hosts.Select(h => h.Name).ShouldBe(["s1", "ok"]);
        result.Skipped.ShouldBe([
            $"Host 'a b' skipped: invalid host name: use {HostNames.Rule}.",
            $"Host 'db@1' skipped: invalid host name: use {HostNames.Rule}.",
            "Host 'local' skipped: the name is reserved (local, all).",
            $"Host 'fe80::1' skipped: invalid host name: use {HostNames.Rule}.",
            "Host 'p1' skipped: ansible_port 'ssh' is not a whole number from 1 to 65535.",
            "Host 'p2' skipped: ansible_port '99999' is not a whole number from 1 to 65535.",
            "Host 'w1' skipped: its ansible_connection is 'winrm', and Bastion reaches hosts over SSH only (ssh, paramiko, smart).",
            "Host 'd1' skipped: its ansible_connection is 'community.docker.docker', and Bastion reaches hosts over SSH only (ssh, paramiko, smart).",
        ]);
    }

    [Fact]
    public void Parse_LeavesInvalidGroupNamesOff_ButAppliesTheirVariables()
    {
        var result = AnsibleInventoryImporter.Parse("[_private]\nh1\n[_private:vars]\nx=1\n[local]\nh1\n");
        var host = result.Hosts.ShouldHaveSingleItem();
        host.Groups.ShouldBeEmpty();
        host.Labels["x"].ShouldBe("1");
        result.Skipped.ShouldBe([
            $"Group '_private' left off its hosts' groups: invalid group name: use {HostNames.Rule}; its variables still apply.",
            "Group 'local' left off its hosts' groups: the name is reserved (local, all); its variables still apply.",
        ]);
    }

    [Theory]
    [InlineData("[web\nh1\n", "line 1: malformed section header '[web'")]
    [InlineData("[web servers]\n", "line 1: malformed section header")]
    [InlineData("[]\n", "line 1: malformed section header")]
    [InlineData("[web:hostvars]\n", "line 1: unknown section type 'hostvars' in '[web:hostvars]'")]
    [InlineData("[web]\nh1 novalue\n", "line 2: expected key=value after the host name, found 'novalue'")]
    [InlineData("[web]\nh1 =x\n", "line 2: expected key=value after the host name, found '=x'")]
    [InlineData("[web]\nh1 a=\"open\n", "line 2: the quote \" is never closed")]
    [InlineData("[web:vars]\njust a line\n", "line 2: expected 'key=value' in [web:vars]")]
    [InlineData("[web:vars]\n= value\n", "line 2: expected 'key=value' in [web:vars]")]
    [InlineData("[web:vars]\na b=1\n", "line 2: expected 'key=value' in [web:vars]")]
    [InlineData("[web:vars]\na='x' y\n", "line 2: text follows the quoted value")]
    [InlineData("[web:vars]\na='x\n", "line 2: the quote ' is never closed")]
    public void Parse_Throws_OnAMalformedLine(string text, string message) =>
        Should.Throw<FormatException>(() => AnsibleInventoryImporter.Parse(text)).Message.ShouldContain(message);

    [Fact]
    public void Parse_AcceptsSectionTypeHosts_AndCommentsAfterSectionHeaders() =>
        Single("[web:hosts] # web tier\nh1\n").Groups.ShouldBe(["web"]);

    [Theory]
    [InlineData("bad ansible_host=-oProxyCommand=sh", "address '-oProxyCommand=sh' is invalid: it starts with '-'")]
    [InlineData("bad ansible_host='localhost$(touch /tmp/x)'", "address 'localhost$(touch /tmp/x)' is invalid")]
    [InlineData("bad ansible_host=10.0.0.1 ansible_user='$(id)'", "user '$(id)' is invalid")]
    [InlineData("bad ansible_host=10.0.0.1 ansible_user=-oProxyCommand=x", "user '-oProxyCommand=x' is invalid")]
    [InlineData("bad ansible_host=10.0.0.1 ansible_ssh_private_key_file=-oProxyCommand=x", "identity_file '-oProxyCommand=x' is invalid")]
    public void Parse_SkipsAHostWithOptionOrShellShapedValues_ByTheInventoryRule(string line, string reason)
    {
        var result = AnsibleInventoryImporter.Parse($"[web]\n{line}\ngood ansible_host=10.0.0.2\n");
        result.Hosts.ShouldHaveSingleItem().Name.ShouldBe("good");
        result.Skipped.ShouldHaveSingleItem().ShouldStartWith("Host 'bad' skipped: ");
        result.Skipped[0].ShouldContain(reason);
    }
}
