namespace Bastion.Fakes.Cloudways;

/// <summary>A request the fake received, and how it answered.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">API path after /api/v1 (or the full path when outside it).</param>
/// <param name="Status">Status answered; 0 when it hung.</param>
/// <param name="ContentType">The request's Content-Type, if any.</param>
/// <param name="Bearer">The bearer token sent, if any.</param>
public sealed record FakeRequest(string Method, string Path, int Status, string? ContentType, string? Bearer);
