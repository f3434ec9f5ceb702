namespace Bastion.Fakes.Cloudways;

/// <summary>A fault the fake injects into matching requests.</summary>
/// <param name="Hang">True to never answer (until the client gives up); false to answer <paramref name="Status"/>.</param>
/// <param name="Status">The status of a failing answer (503 by default).</param>
/// <param name="Remaining">How many more requests it hits; null for all.</param>
/// <param name="Method">Only requests with this method; null for any.</param>
/// <param name="PathPrefix">Only requests whose API path (after /api/v1) starts with this; null for any.</param>
public sealed record FakeFault(bool Hang, int Status, int? Remaining, string? Method, string? PathPrefix)
{
    /// <summary>True when the fault applies to this request.</summary>
    public bool Matches(string method, string path) =>
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        && (PathPrefix is null || path.StartsWith(PathPrefix, StringComparison.Ordinal));
}
