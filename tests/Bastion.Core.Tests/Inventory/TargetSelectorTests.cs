using Bastion.Core.Inventory;

namespace Bastion.Core.Tests.Inventory;

public class TargetSelectorTests
{
    private static readonly IReadOnlyList<Host> Hosts =
    [
        Host.Local,
        Host.Ssh("web-01", "10.0.0.1") with { Groups = ["web", "prod"], Labels = new Dictionary<string, string> { ["env"] = "prod" } },
        Host.Ssh("web-02", "10.0.0.2") with { Groups = ["web"], Labels = new Dictionary<string, string> { ["env"] = "staging" } },
        Host.Ssh("db-01", "10.0.0.3") with { Groups = ["db", "prod"], Labels = new Dictionary<string, string> { ["env"] = "prod" } },
    ];

    private static IEnumerable<string> Names(string target, int max = 100) => TargetSelector.Resolve(target, Hosts, max).Select(h => h.Name);

    [Theory]
    [InlineData("all", "local,web-01,web-02,db-01")]
    [InlineData("web-02", "web-02")]
    [InlineData("db-01, web-01", "web-01,db-01")]
    [InlineData("@web", "web-01,web-02")]
    [InlineData("group:prod", "web-01,db-01")]
    [InlineData("env=prod", "web-01,db-01")]
    [InlineData("web-*", "web-01,web-02")]
    [InlineData("@db,env=staging,local", "local,web-02,db-01")]
    [InlineData("web-02,all", "local,web-01,web-02,db-01")]
    [InlineData("all,all", "local,web-01,web-02,db-01")]
    public void Resolve_UnitesTerms_InInventoryOrder(string target, string expected) =>
        Names(target).ShouldBe(expected.Split(','));

    [Theory]
    [InlineData("", "target is empty")]
    [InlineData(" , ", "target is empty")]
    [InlineData("web-03", "Unknown host 'web-03'. Known hosts: local, web-01, web-02, db-01; groups: db, prod, web.")]
    [InlineData("@cache", "Unknown group 'cache'.")]
    [InlineData("env=dev", "No host has the label 'env=dev'.")]
    [InlineData("cache-*", "No host name matches 'cache-*'.")]
    [InlineData("all,web-03", "Unknown host 'web-03'.")]
    public void Resolve_ExplainsWhatDidNotMatch(string target, string expected) =>
        Should.Throw<BastionException>(() => Names(target).ToList()).Message.ShouldContain(expected);

    [Fact]
    public void Resolve_RefusesMoreHostsThanTheCap() =>
        Should.Throw<BastionException>(() => Names("all", max: 3).ToList()).Message.ShouldContain("selects 4 hosts; at most 3 are allowed in one call");
}
