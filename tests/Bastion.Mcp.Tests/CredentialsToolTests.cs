using Bastion.Core.Credentials;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bastion.Mcp.Tests;

public class CredentialsToolTests
{
    private sealed class Exchange : ITokenExchange
    {
        public Task<IssuedToken> ExchangeAsync(CancellationToken ct) =>
            Task.FromResult(new IssuedToken("tok-9f8e7d6c5b4a", DateTimeOffset.UtcNow.AddHours(1)));
    }

    [Fact]
    public async Task CredentialsStatus_ReportsEachTokensState_AndNeverTheToken()
    {
        await using var server = await TestServer.StartAsync();
        var empty = await server.Client.CallToolAsync("credentials_status");
        empty.StructuredContent!.Value.GetProperty("credentials").GetArrayLength().ShouldBe(0);

        var provider = new TokenProvider("cloudways/prod", new Exchange(), new TokenProviderOptions(), TimeProvider.System, NullLogger<TokenProvider>.Instance);
        server.Services.GetRequiredService<TokenProviderRegistry>().Register(provider);
        (await provider.GetTokenAsync(CancellationToken.None)).ShouldBe("tok-9f8e7d6c5b4a");

        var result = await server.Client.CallToolAsync("credentials_status");
        var status = result.StructuredContent!.Value.GetProperty("credentials").EnumerateArray().Single();
        status.GetProperty("name").GetString().ShouldBe("cloudways/prod");
        status.GetProperty("state").GetString().ShouldBe("valid");
        status.GetProperty("expires_in_seconds").GetDouble().ShouldBeInRange(3500, 3600);
        result.StructuredContent!.Value.GetRawText().ShouldNotContain("tok-9f8e7d6c5b4a");
    }
}
