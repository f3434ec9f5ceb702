using Bastion.Testing;
using Bastion.Core;
using Bastion.Core.Policy;
using Bastion.Mcp.Security;

namespace Bastion.Mcp.Tests.Security;

public class ConfirmationStoreTests
{
    private static readonly Principal Alice = new("alice", "acme", new HashSet<string> { Scopes.CommandsRun }, Mode.Operator);
    private readonly ManualClock _clock = new(DateTimeOffset.Parse("2026-11-21T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private ConfirmationStore Store() => new(new BastionOptions { Paths = new Core.Configuration.BastionPaths("/tmp/unused") }, _clock);

    [Fact]
    public void Redeem_AcceptsTheSamePrincipalToolAndArguments_Once()
    {
        var store = Store();
        var (handle, expires) = store.Issue(Alice, "commands_run", "abc");
        expires.ShouldBe(_clock.GetUtcNow().AddMinutes(5));
        store.Redeem(handle, Alice, "commands_run", "abc");
        Should.Throw<BastionException>(() => store.Redeem(handle, Alice, "commands_run", "abc")).Message.ShouldContain("already used");
    }

    [Theory]
    [InlineData("bob", "acme", "commands_run", "abc", "another principal")]
    [InlineData("alice", "other-tenant", "commands_run", "abc", "another principal")]
    [InlineData("alice", "acme", "files_upload", "abc", "it was issued for 'commands_run'")]
    [InlineData("alice", "acme", "commands_run", "abd", "the arguments differ")]
    public void Redeem_RefusesAnyMismatch_AndBurnsTheHandle(string name, string tenant, string tool, string hash, string expected)
    {
        var store = Store();
        var (handle, _) = store.Issue(Alice, "commands_run", "abc");
        Should.Throw<BastionException>(() => store.Redeem(handle, Alice with { Name = name, Tenant = tenant }, tool, hash)).Message.ShouldContain(expected);
        Should.Throw<BastionException>(() => store.Redeem(handle, Alice, "commands_run", "abc")).Message.ShouldContain("already used");
    }

    [Fact]
    public void Redeem_RefusesAnExpiredOrMadeUpHandle()
    {
        var store = Store();
        var (handle, _) = store.Issue(Alice, "commands_run", "abc");
        _clock.Advance(TimeSpan.FromMinutes(5));
        Should.Throw<BastionException>(() => store.Redeem(handle, Alice, "commands_run", "abc")).Message.ShouldContain("expired");
        Should.Throw<BastionException>(() => store.Redeem("cfm_madeup", Alice, "commands_run", "abc")).Message.ShouldContain("unknown");
    }

    [Fact]
    public void Issue_GivesDistinctHandles()
    {
        var store = Store();
        Enumerable.Range(0, 100).Select(_ => store.Issue(Alice, "commands_run", "abc").Handle).Distinct().Count().ShouldBe(100);
    }
}
