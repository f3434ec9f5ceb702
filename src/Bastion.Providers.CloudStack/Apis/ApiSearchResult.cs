using System.ComponentModel;

namespace Bastion.Providers.CloudStack.Apis;

/// <summary>The APIs the credentials may call, searched (cloudstack_list resource=apis).</summary>
internal sealed record ApiSearchResult(
    [property: Description("How many APIs the credentials may call in all (listApis).")] int Available,
    [property: Description("How many match the search.")] int Matching,
    [property: Description("The matching APIs, by name, at most limit; params are given only when detail is true or one API matches.")] IReadOnlyList<ApiInfo> Apis,
    [property: Description("True when fewer APIs are returned than match.")] bool Truncated,
    [property: Description("How to narrow or go on; null when all matches are shown.")] string? Note);
