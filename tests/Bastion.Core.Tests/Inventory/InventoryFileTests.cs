using Bastion.Core.Configuration;
using Bastion.Core.Inventory;

namespace Bastion.Core.Tests.Inventory;

public sealed class InventoryFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bastion-inventory-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string yaml)
    {
        var path = Path.Combine(_dir, "inventory.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public async Task SaveThenLoad_KeepsEveryField_AndWritesAtomically()
    {
        var path = Path.Combine(_dir, "inventory.yaml");
        var host = new Host("web-01", HostKind.Ssh, "10.0.0.5", 2222, "deploy", "~/.ssh/web", "admin@gw", ["web", "prod"], new Dictionary<string, string> { ["env"] = "prod" });
        await InventoryFile.SaveAsync(path, [Host.Local, host], CancellationToken.None);
        InventoryFile.Load(path).ShouldHaveSingleItem().SameAs(host).ShouldBeTrue();
        File.ReadAllText(path).ShouldStartWith("# Bastion inventory");
        File.ReadAllText(path).ShouldNotContain("localhost");
        Directory.GetFiles(_dir).ShouldBe([path]);
        (File.GetUnixFileMode(path) & (UnixFileMode)0x3F).ShouldBe(UnixFileMode.None, "the inventory is private to its owner");
    }

    [Fact]
    public async Task SaveAsync_WritesSnakeCaseKeysInOrder_LeavingOutEmptyFields()
    {
        var path = Path.Combine(_dir, "inventory.yaml");
        var full = new Host("web-01", HostKind.Ssh, "10.0.0.5", 2222, "deploy", "~/.ssh/web", "admin@gw", ["web", "prod"], new Dictionary<string, string> { ["env"] = "prod", ["tier"] = "1" });
        await InventoryFile.SaveAsync(path, [full, Host.Ssh("db", "db.internal")], CancellationToken.None);
        var text = File.ReadAllText(path);
        text[text.IndexOf("hosts:", StringComparison.Ordinal)..].ShouldBe(
            "hosts:\n- name: web-01\n  address: 10.0.0.5\n  port: 2222\n  user: deploy\n  identity_file: ~/.ssh/web\n  jump: admin@gw\n" +
            "  groups:\n  - web\n  - prod\n  labels:\n    env: prod\n    tier: 1\n- name: db\n  address: db.internal\n");

        await InventoryFile.SaveAsync(path, [Host.Local], CancellationToken.None);
        InventoryFile.Read(path).Hosts.ShouldBeEmpty();
        File.ReadAllText(path).ShouldEndWith("hosts: []\n");
    }

    [Fact]
    public void Load_ReturnsNothing_WhenTheFileIsMissing() =>
        InventoryFile.Load(Path.Combine(_dir, "none.yaml")).ShouldBeEmpty();

    [Theory]
    [InlineData("hosts:\n- name: web 01\n  address: 10.0.0.1\n", "name 'web 01' is invalid")]
    [InlineData("hosts:\n- name: local\n  address: 10.0.0.1\n", "not local or all")]
    [InlineData("hosts:\n- name: web\n", "address '' is invalid")]
    [InlineData("hosts:\n- name: web\n  address: 10.0.0.1\n  port: 0\n", "port 0 is invalid: use a whole number from 1 to 65535")]
    [InlineData("hosts:\n- name: web\n  address: 10.0.0.1\n  port: ssh\n", "port 'ssh' is invalid")]
    [InlineData("hosts:\n- name: web\n  address: 10.0.0.1\n  jump: -oProxyCommand=sh\n", "jump '-oProxyCommand=sh' is invalid")]
    [InlineData("hosts:\n- name: web\n  address: 10.0.0.1\n  user: a b\n", "user 'a b' is invalid: use a POSIX portable user name")]
    [InlineData("hosts:\n- name: web\n  address: 10.0.0.1\n  user: $(id)\n", "user '$(id)' is invalid")]
    [InlineData("hosts:\n- name: web\n  address: -oProxyCommand=touch /tmp/x\n", "address '-oProxyCommand=touch /tmp/x' is invalid: it starts with '-'")]
    [InlineData("hosts:\n- name: web\n  address: localhost$(touch /tmp/x)\n", "address 'localhost$(touch /tmp/x)' is invalid")]
    [InlineData("hosts:\n- name: web\n  address: 10.0.0.1\n  identity_file: -oProxyCommand=x\n", "identity_file '-oProxyCommand=x' is invalid")]
    [InlineData("hosts:\n- name: web\n  address: 10.0.0.1\n  groups: [all]\n", "group 'all' is invalid")]
    [InlineData("hosts:\n- name: web\n  adress: 10.0.0.1\n", "unknown key 'adress' (line 3)")]
    public void Read_SkipsAnInvalidEntry_SayingWhichFieldAndWhy_AndKeepsTheOthers(string yaml, string expected)
    {
        var path = Write(yaml + "- name: good\n  address: 10.0.0.2\n");
        var contents = InventoryFile.Read(path);
        contents.Hosts.ShouldHaveSingleItem().Name.ShouldBe("good");
        var invalid = contents.Invalid.ShouldHaveSingleItem();
        invalid.Index.ShouldBe(1);
        invalid.Line.ShouldBe(2);
        invalid.Reason.ShouldContain(expected);
        invalid.Describe(path).ShouldContain($"{path}, host #1 (line 2)");
    }

    [Fact]
    public void Read_SkipsTheSecondOfTwoEntriesWithOneName()
    {
        var contents = InventoryFile.Read(Write("hosts:\n- name: a\n  address: x\n- name: a\n  address: y\n"));
        contents.Hosts.ShouldHaveSingleItem().Address.ShouldBe("x");
        contents.Invalid.ShouldHaveSingleItem().Reason.ShouldContain("the name 'a' is listed before");
    }

    [Theory]
    [InlineData("hosts: [unclosed\n", "line")]
    [InlineData("servers:\n- name: a\n", "the top level is not 'hosts:'")]
    public void Read_RejectsAFileThatIsNotAnInventory_SayingWhere(string yaml, string expected) =>
        Should.Throw<BastionException>(() => InventoryFile.Read(Write(yaml))).Message.ShouldContain(expected);

    [Fact]
    public async Task FileInventory_KeepsInvalidEntriesOnDisk_WhenTheCliWrites_AndRemovesThemByName()
    {
        var inventory = new FileInventory(new BastionPaths(_dir));
        File.WriteAllText(inventory.Path, "hosts:\n- name: bad\n  address: -oProxyCommand=sh\n- name: good\n  address: 10.0.0.2\n");
        inventory.Hosts.Select(h => h.Name).ShouldBe(["local", "good"]);
        inventory.Notes.ShouldHaveSingleItem().ShouldContain("'bad' is skipped: address '-oProxyCommand=sh' is invalid");

        await inventory.AddAsync(Host.Ssh("db-1", "10.0.0.9"), CancellationToken.None);
        inventory.Hosts.Select(h => h.Name).ShouldBe(["local", "good", "db-1"]);
        inventory.Invalid.ShouldHaveSingleItem().Name.ShouldBe("bad");
        File.ReadAllText(inventory.Path).ShouldContain("-oProxyCommand=sh");

        await inventory.RemoveAsync("bad", CancellationToken.None);
        inventory.Invalid.ShouldBeEmpty();
        inventory.Hosts.Select(h => h.Name).ShouldBe(["local", "good", "db-1"]);
    }

    [Theory]
    [InlineData("-oProxyCommand=sh", null)]
    [InlineData("localhost$(id)", null)]
    [InlineData("10.0.0.1", "$(id)")]
    [InlineData("10.0.0.1", "-oProxyCommand=sh")]
    [InlineData("a;b", null)]
    [InlineData("300.1.1.1", null)]
    [InlineData("web:22", null)]
    public async Task FileInventory_RefusesToAddAHostWithOptionOrShellShapedValues(string address, string? user)
    {
        var inventory = new FileInventory(new BastionPaths(_dir));
        var host = Host.Ssh("web", address, user: user);
        (await Should.ThrowAsync<BastionException>(inventory.AddAsync(host, CancellationToken.None))).Message.ShouldContain("was refused");
        (await Should.ThrowAsync<BastionException>(inventory.AddManyAsync([host], CancellationToken.None))).Message.ShouldContain("was refused");
        File.Exists(inventory.Path).ShouldBeFalse();
    }

    [Theory]
    [InlineData("web-01.example.com")]
    [InlineData("10.0.0.5")]
    [InlineData("2001:db8::5")]
    [InlineData("fe80::1%eth0")]
    [InlineData("localhost")]
    [InlineData("host_5.internal.")]
    public void HostValidator_AcceptsHostNamesAndIpAddresses(string address) =>
        HostValidator.Problems(new Host("web", HostKind.Ssh, address, 2222, "deploy.user_1", "~/.ssh/id ed25519", "ops@gw.example.com:2222,[2001:db8::1]:22", ["web"], new Dictionary<string, string>()))
            .ShouldBeEmpty();

    [Fact]
    public async Task FileInventory_AlwaysHoldsLocal_SeesEditsOnDisk_AndRefusesDuplicates()
    {
        var inventory = new FileInventory(new BastionPaths(_dir));
        inventory.Hosts.ShouldBe([Host.Local]);
        await inventory.AddAsync(Host.Ssh("db-1", "10.0.0.9"), CancellationToken.None);
        inventory.Get("db-1").Address.ShouldBe("10.0.0.9");
        (await Should.ThrowAsync<BastionException>(inventory.AddAsync(Host.Ssh("db-1", "10.0.0.10"), CancellationToken.None)))
            .Message.ShouldContain("A host named 'db-1' is already in the inventory");
        File.WriteAllText(inventory.Path, "hosts:\n- name: db-2\n  address: 10.0.0.11\n");
        inventory.Hosts.Select(h => h.Name).ShouldBe(["local", "db-2"]);
        (await Should.ThrowAsync<BastionException>(inventory.RemoveAsync("local", CancellationToken.None))).Message.ShouldContain("cannot be removed");
        Should.Throw<UnknownHostException>(() => inventory.Get("db-1")).Message.ShouldContain("Known hosts: local, db-2");
    }
}
