using System.Text.Json.Nodes;

namespace Bastion.Fakes.CloudStack;

/// <summary>
/// Users, their key pairs and what their role may call: listApis (only the caller's APIs), listUsers, createUser (admins),
/// registerUserKeys (new pair, the old one stops working), getUserKeys (the pair, or an empty userkeys when there is none).
/// </summary>
public sealed partial class FakeCloud
{
    /// <summary>The users now.</summary>
    public IReadOnlyList<FakeUser> Users
    {
        get
        {
            lock (_gate)
            {
                return [.. _users];
            }
        }
    }

    /// <summary>The user whose API key this is; null when none.</summary>
    internal FakeUser? UserByApiKey(string apiKey)
    {
        lock (_gate)
        {
            return _users.FirstOrDefault(u => u.ApiKey == apiKey);
        }
    }

    /// <summary>The user with this name and password; null when none.</summary>
    internal FakeUser? Login(string? username, string? password)
    {
        lock (_gate)
        {
            return _users.FirstOrDefault(u => u.Username == username && u.Password is not null && u.Password == password);
        }
    }

    /// <summary>True when <paramref name="user"/>'s role may call <paramref name="command"/>.</summary>
    internal static bool MayCall(FakeUser user, string command) =>
        FakeApis.All.TryGetValue(command, out var api) && (user.IsAdmin || api.ForUsers);

    private static JsonObject ListApis(FakeCall call)
    {
        var visible = FakeApis.All.Values.Where(a => MayCall(call.Caller, a.Name)).ToList();
        if (call.Get("name") is { } name)
        {
            visible = visible.Where(a => a.Name == name).ToList();
            if (visible.Count == 0)
            {
                throw new FakeApiException(431, "Api Discovery plugin was unable to find an api by that name or process any apis");
            }
        }

        return new JsonObject { ["count"] = visible.Count, ["api"] = new JsonArray([.. visible.Select(a => (JsonNode)FakeApis.ToJson(a))]) };
    }

    private JsonObject ListUsers(FakeCall call) => Page(
        call,
        _users.Where(u => call.Caller.IsAdmin || u.Account == call.Caller.Account)
            .Where(u => call.Get("id") is not { } id || u.Id == id)
            .Where(u => call.Get("username") is not { } name || u.Username == name)
            .Where(u => call.Get("account") is not { } account || u.Account == account)
            .Select(u => u.ToJson())
            .Where(u => Matches(u, call, "username", "firstname", "lastname")),
        "user");

    private JsonObject CreateUser(FakeCall call)
    {
        var (account, email, first, last, password, username) = (call.Require("account"), call.Require("email"), call.Require("firstname"), call.Require("lastname"), call.Require("password"), call.Require("username"));
        if (account != FakeSeed.Account && account != FakeSeed.OtherAccount)
        {
            throw new FakeApiException(431, $"Unable to find account {account} in domain id=1");
        }

        if (_users.Any(u => u.Username == username))
        {
            throw new FakeApiException(431, $"The user {username} already exists in domain 1", 4250);
        }

        var user = new FakeUser { Id = NewId(), Username = username, Password = password, Account = account, Email = email, FirstName = first, LastName = last, Created = Now };
        _users.Add(user);
        AddEvent("USER.CREATE", "INFO", $"User Name: {username}, FirstName : {first}, LastName: {last}", account);
        return new JsonObject { ["user"] = user.ToJson() };
    }

    private JsonObject RegisterKeys(FakeCall call)
    {
        var user = KeysOwner(call);
        (user.ApiKey, user.SecretKey) = (NewSecret(48), NewSecret(48));
        AddEvent("REGISTER.USER.KEY", "INFO", $"Registered user keys for user {user.Username}", user.Account);
        return new JsonObject { ["userkeys"] = new JsonObject { ["apikey"] = user.ApiKey, ["secretkey"] = user.SecretKey } };
    }

    private JsonObject GetKeys(FakeCall call)
    {
        var user = KeysOwner(call);
        return new JsonObject { ["userkeys"] = user.ApiKey is null ? new JsonObject() : new JsonObject { ["apikey"] = user.ApiKey, ["secretkey"] = user.SecretKey } };
    }

    private FakeUser KeysOwner(FakeCall call)
    {
        var id = call.Require("id");
        var user = _users.FirstOrDefault(u => u.Id == id)
            ?? throw new FakeApiException(431, $"Unable to execute API command {call.Command.ToLowerInvariant()} due to invalid value. Invalid parameter id value={id} due to incorrect long value format, or entity does not exist or due to incorrect parameter annotation for the field in api cmd class.");
        return call.Caller.IsAdmin || call.Caller.Id == user.Id
            ? user
            : throw new FakeApiException(531, $"Account {call.Caller.Account} does not have permission to operate with resource {user.Id}", 4365);
    }
}
