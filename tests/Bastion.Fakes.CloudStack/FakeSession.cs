namespace Bastion.Fakes.CloudStack;

/// <summary>A login session: its JSESSIONID, its session key and when it was last used.</summary>
internal sealed class FakeSession
{
    public required string Id { get; init; }
    public required string Key { get; init; }
    public required FakeUser User { get; init; }
    public DateTimeOffset LastUsed { get; set; }
}
