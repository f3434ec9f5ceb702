namespace Bastion.Fakes.CloudStack;

/// <summary>One authenticated API call: its command, parameters (names case-insensitive, as CloudStack reads them) and caller.</summary>
internal sealed record FakeCall(string Command, IReadOnlyDictionary<string, string> Parameters, bool ListAll, FakeUser Caller)
{
    public string? Get(string name) => Parameters.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public string Require(string name) => Get(name) ?? throw FakeApiException.Missing(Command, name);

    public bool Flag(string name) => bool.TryParse(Get(name), out var b) && b;
}
