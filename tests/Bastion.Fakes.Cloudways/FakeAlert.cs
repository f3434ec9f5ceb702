namespace Bastion.Fakes.Cloudways;

/// <summary>A CloudwaysBot alert.</summary>
public sealed class FakeAlert
{
    public required long Id { get; init; }

    public long ServerId { get; init; }

    public required string Subject { get; init; }

    public bool Read { get; set; }
}
