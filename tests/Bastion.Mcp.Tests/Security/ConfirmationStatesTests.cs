using System.Text;
using Bastion.Testing;
using Bastion.Core;
using Bastion.Core.Confirmation;
using Bastion.Core.Configuration;
using Bastion.Core.Policy;
using Bastion.Mcp.Security;

namespace Bastion.Mcp.Tests.Security;

/// <summary>The sealed request state of 2026-07-28 confirmations, and the key file that seals it.</summary>
public sealed class ConfirmationStatesTests : IDisposable
{
    private static readonly Principal Alice = new("alice", "acme", new HashSet<string> { Scopes.CommandsRun }, Mode.Operator);
    private readonly ManualClock _clock = new(DateTimeOffset.Parse("2026-11-21T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly string _data = Directory.CreateTempSubdirectory("bastion-states-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private ConfirmationStates States(IReplayGuard? guard = null, string? data = null) =>
        new(new BastionOptions { Paths = new BastionPaths(data ?? _data) }, guard ?? new InMemoryReplayGuard(_clock), _clock);

    private static Task<BastionException> Refused(ConfirmationStates states, string state, Principal principal, string tool = "commands_run", string hash = "abc", string hosts = "h1") =>
        Should.ThrowAsync<BastionException>(() => states.RedeemAsync(state, principal, tool, hash, hosts, CancellationToken.None).AsTask());

    [Fact]
    public async Task Redeem_AcceptsTheSamePrincipalToolAndArguments_Once()
    {
        var states = States();
        var (state, expires) = states.Issue(Alice, "commands_run", "abc", "h1");
        expires.ShouldBe(_clock.GetUtcNow().AddMinutes(5), "the lifetime of a plan handle");
        await states.RedeemAsync(state, Alice, "commands_run", "abc", "h1", CancellationToken.None);
        (await Refused(states, state, Alice)).Message.ShouldBe(
            "The request state does not confirm this call: it was already used. Nothing ran; call the tool again without requestState to be asked again.");
    }

    [Theory]
    [InlineData("bob", "acme", "commands_run", "abc", "it was issued to another principal")]
    [InlineData("alice", "other-tenant", "commands_run", "abc", "it was issued to another principal")]
    [InlineData("alice", "acme", "files_upload", "abc", "it was issued for 'commands_run'")]
    [InlineData("alice", "acme", "commands_run", "abd", "the arguments differ")]
    public async Task Redeem_RefusesAStateForAnotherCall(string name, string tenant, string tool, string hash, string expected)
    {
        var states = States();
        var (state, _) = states.Issue(Alice, "commands_run", "abc", "h1");
        (await Refused(states, state, Alice with { Name = name, Tenant = tenant }, tool, hash)).Message.ShouldContain(expected);
    }

    [Fact]
    public async Task Redeem_RefusesAStateForOtherHosts()
    {
        var states = States();
        var (state, _) = states.Issue(Alice, "commands_run", "abc", "h1");
        (await Refused(states, state, Alice, hosts: "h2")).Message.ShouldContain("the hosts the call resolves to now differ");
    }

    [Fact]
    public async Task Redeem_RefusesAnExpiredState()
    {
        var states = States();
        var (state, _) = states.Issue(Alice, "commands_run", "abc", "h1");
        _clock.Advance(TimeSpan.FromMinutes(5));
        (await Refused(states, state, Alice)).Message.ShouldContain("it expired");
    }

    [Fact]
    public async Task Redeem_RefusesATamperedState_WhoseBindingWasRewritten()
    {
        var states = States();
        var (state, _) = states.Issue(Alice, "commands_run", "abc", "h1");
        var dot = state.IndexOf('.', StringComparison.Ordinal);
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(Pad(state[..dot])));
        payload.ShouldContain("\"args\":\"abc\"");
        var forged = Unpad(Convert.ToBase64String(Encoding.UTF8.GetBytes(payload.Replace("\"args\":\"abc\"", "\"args\":\"abd\"", StringComparison.Ordinal)))) + state[dot..];
        (await Refused(states, forged, Alice, hash: "abd")).Message.ShouldContain("it was not issued by this server or was altered");
        (await Refused(states, state[..^2] + (state[^2] == 'A' ? "B" : "A") + state[^1], Alice)).Message.ShouldContain("was altered");
        (await Refused(states, "not-a-state", Alice)).Message.ShouldContain("was altered");
    }

    [Fact]
    public async Task Redeem_RefusesAStateSealedWithAnotherKey()
    {
        var other = Directory.CreateTempSubdirectory("bastion-states-other-").FullName;
        try
        {
            var (state, _) = States(data: other).Issue(Alice, "commands_run", "abc", "h1");
            (await Refused(States(), state, Alice)).Message.ShouldContain("it was not issued by this server");
        }
        finally
        {
            Directory.Delete(other, recursive: true);
        }
    }

    [Fact]
    public async Task Redeem_WorksOnAnotherInstance_ThatSharesTheKeyAndTheGuard_AndOnlyOnce()
    {
        var guard = new InMemoryReplayGuard(_clock);
        var (state, _) = States(guard).Issue(Alice, "commands_run", "abc", "h1");
        var second = States(guard);
        await second.RedeemAsync(state, Alice, "commands_run", "abc", "h1", CancellationToken.None);
        (await Refused(States(guard), state, Alice)).Message.ShouldContain("it was already used");
    }

    [Fact]
    public void KeyFile_IsCreatedOnce_Private_AndKeptByLaterInstances()
    {
        States().Issue(Alice, "commands_run", "abc", "h1");
        var path = Path.Combine(_data, StateKey.FileName);
        File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var key = File.ReadAllText(path);
        Convert.FromBase64String(key.Trim()).Length.ShouldBe(32);
        States().Issue(Alice, "commands_run", "abc", "h1");
        File.ReadAllText(path).ShouldBe(key);
        Directory.GetFiles(_data).Length.ShouldBe(1, "no temporary file left behind");
    }

    [Fact]
    public void KeyFile_ThatOthersCanRead_IsRefused()
    {
        States().Issue(Alice, "commands_run", "abc", "h1");
        var path = Path.Combine(_data, StateKey.FileName);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var error = Should.Throw<BastionException>(() => States().Issue(Alice, "commands_run", "abc", "h1"));
        error.Message.ShouldContain("accessible to other users");
        error.Message.ShouldNotContain(File.ReadAllText(path).Trim());
    }

    [Fact]
    public void State_DoesNotCarryTheKey()
    {
        var (state, _) = States().Issue(Alice, "commands_run", "abc", "h1");
        var key = File.ReadAllText(Path.Combine(_data, StateKey.FileName)).Trim();
        state.ShouldNotContain(key[..12]);
    }

    private static string Pad(string text) => text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (text.Length % 4)) % 4);

    private static string Unpad(string base64) => base64.TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
