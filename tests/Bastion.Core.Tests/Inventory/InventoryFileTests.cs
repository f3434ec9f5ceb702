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
    public void Load_ReturnsNothing_WhenTheFileIsMissing() =>
        InventoryFile.Load(Path.Combine(_dir, "none.yaml")).ShouldBeEmpty();

    [Theory]
    [InlineData("hosts:\n- name: web 01\n  address: 10.0.0.1\n", "name 'web 01' is not a valid host name")]
    [InlineData("hosts:\n- name: local\n  address: 10.0.0.1\n", "not local or all")]
    [InlineData("hosts:\n- name: web\n", "address '' is missing or invalid")]
    [InlineData("hosts:\n- name: web\n  address: 10.0.0.1\n  port: 0\n", "port 0 is outside 1-65535")]
    [InlineData("hosts:\n- name: web\n  address: 10.0.0.1\n  jump: -oProxyCommand=sh\n", "jump '-oProxyCommand=sh' is invalid")]
    [InlineData("hosts:\n- name: web\n  address: 10.0.0.1\n  user: a b\n", "user 'a b' is invalid")]
    [InlineData("hosts:\n- name: web\n  address: 10.0.0.1\n  groups: [all]\n", "group 'all' is not a valid group name")]
    [InlineData("hosts:\n- name: a\n  address: x\n- name: a\n  address: y\n", "host 'a' is listed twice")]
    [InlineData("hosts:\n- name: web\n  adress: 10.0.0.1\n", "line 3")]
    [InlineData("hosts: [unclosed\n", "line")]
    public void Load_RejectsAnInvalidFile_SayingWhereAndWhy(string yaml, string expected) =>
        Should.Throw<BastionException>(() => InventoryFile.Load(Write(yaml))).Message.ShouldContain(expected);

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
