using Bastion.Http.Auth;

namespace Bastion.Http.Tests.Auth;

public sealed class BearerChallengeTests
{
    private const string Metadata = "http://127.0.0.1:7000/.well-known/oauth-protected-resource/mcp";

    [Fact]
    public void MissingToken_PointsAtTheMetadata() =>
        BearerChallenge.MissingToken(Metadata).ShouldBe($"Bearer resource_metadata=\"{Metadata}\"");

    [Fact]
    public void InvalidToken_AddsTheErrorAndItsDescription() =>
        BearerChallenge.InvalidToken(Metadata, "API key abcdefgh has expired (at 2026-11-21T21:00:00Z).").ShouldBe(
            $"Bearer resource_metadata=\"{Metadata}\", error=\"invalid_token\", error_description=\"API key abcdefgh has expired (at 2026-11-21T21:00:00Z).\"");

    [Fact]
    public void InsufficientScope_NamesTheScopesNeeded() =>
        BearerChallenge.InsufficientScope(Metadata, "hosts:read commands:run", "commands_run needs commands:run.").ShouldBe(
            $"Bearer resource_metadata=\"{Metadata}\", error=\"insufficient_scope\", scope=\"hosts:read commands:run\", error_description=\"commands_run needs commands:run.\"");

    [Fact]
    public void ADescription_CannotEndItsQuotedStringOrTheHeaderLine()
    {
        var header = BearerChallenge.InvalidToken("http://h/\"x\\", "the \"tenant\" claim \\ is bad\r\nSet-Cookie: a=b é");

        header.ShouldBe("Bearer resource_metadata=\"http://h/\\\"x\\\\\", error=\"invalid_token\", error_description=\"the 'tenant' claim / is bad??Set-Cookie: a=b ?\"");
        header.ShouldNotContain("\r");
        header.ShouldNotContain("\n");
    }
}
