using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.Web.Api.Platform;

namespace Marketplace.Web.Api;

/// <summary>
/// An API answer: the value on success, else the status and the ProblemDetails: its field errors with their codes
/// (in the same order), and the code of a refusal about no field. Pages translate by code, never by sentence.
/// </summary>
public sealed record ApiResult<T>(HttpStatusCode Status, T? Value, IReadOnlyDictionary<string, string[]> Errors, string? Title)
{
    public bool Succeeded => (int)Status is >= 200 and < 300;

    public IReadOnlyDictionary<string, string[]> Codes { get; init; } = new Dictionary<string, string[]>();

    public string? Code { get; init; }

    /// <summary>The problem's other members that are strings (e.g. an import's <c>keptFile</c>).</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    /// <summary>The code of the field's <paramref name="index"/>th error, when the API gave one.</summary>
    public string? CodeOf(string field, int index) => Codes.TryGetValue(field, out var codes) && index < codes.Length ? codes[index] : null;
}

/// <summary>What a ProblemDetails body says: its title, its refusal code, its field errors and their codes.</summary>
internal sealed record ApiProblem(string? Title, string? Code, IReadOnlyDictionary<string, string[]> Errors, IReadOnlyDictionary<string, string[]> Codes)
{
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    public ApiResult<T> As<T>(HttpStatusCode status) => new(status, default, Errors, Title) { Codes = Codes, Code = Code, Values = Values };
}

/// <summary>
/// The public HTTP API (the gateway), the only way the web app reaches the services. Calls on behalf of
/// the signed-in user carry their access token; the caller passes it in.
/// </summary>
public sealed partial class MarketplaceApi(HttpClient http)
{
    /// <summary>The services' JSON: camelCase names, statuses as camelCase strings read into enums (<see cref="WireEnumConverter"/>).</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new WireEnumConverter() } };
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    /// <summary>A page of the approved cooperatives by name, those whose name contains <paramref name="q"/> when given.</summary>
    public async Task<CooperativesPage> ListCooperativesAsync(string? q, int page, CancellationToken cancellationToken)
    {
        var query = $"?page={page}" + (string.IsNullOrWhiteSpace(q) ? "" : "&q=" + Uri.EscapeDataString(q.Trim()));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/cooperatives" + query);
        using var response = await ExchangeAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<CooperativesPage>(Json, cancellationToken) ?? new CooperativesPage([], page, 0, 0);
    }

    public async Task<Cooperative?> GetCooperativeAsync(TenantId slug, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/cooperatives/{slug}");
        using var response = await ExchangeAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<Cooperative>(Json, cancellationToken);
    }

    /// <summary>A cooperative's legal page (notice, terms, privacy); null until its admins write it (or for an unknown cooperative).</summary>
    public async Task<LegalPage?> GetLegalPageAsync(TenantId slug, string page, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/cooperatives/{slug}/legal/{Uri.EscapeDataString(page)}");
        using var response = await ExchangeAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<LegalPage>(Json, cancellationToken);
    }

    /// <summary>A co-op admin writes one of its legal pages in French and/or English.</summary>
    public Task<ApiResult<LegalPage>> WriteLegalPageAsync(string accessToken, TenantId slug, string page, LegalPageWrite text, CancellationToken cancellationToken) =>
        SendAsync<LegalPage>(HttpMethod.Put, $"/api/cooperatives/{slug}/legal/{Uri.EscapeDataString(page)}", text, accessToken, cancellationToken);

    /// <summary>For a platform admin: the first 100 cooperatives waiting for approval (<paramref name="approved"/> false) or approved, by name.</summary>
    public Task<ApiResult<CooperativesPage>> ListCooperativesAsync(string accessToken, bool approved, CancellationToken cancellationToken) =>
        SendAsync<CooperativesPage>(HttpMethod.Get, $"/api/cooperatives?approved={(approved ? "true" : "false")}&pageSize=100", null, accessToken, cancellationToken);

    /// <summary>A platform admin puts a cooperative on the public list (<paramref name="approve"/>) or takes it off.</summary>
    public Task<ApiResult<Cooperative>> SetCooperativeApprovalAsync(string accessToken, TenantId slug, bool approve, CancellationToken cancellationToken) =>
        SendAsync<Cooperative>(approve ? HttpMethod.Post : HttpMethod.Delete, $"/api/cooperatives/{slug}/approval", null, accessToken, cancellationToken);

    public Task<ApiResult<Cooperative>> CreateCooperativeAsync(string accessToken, NewCooperative cooperative, CancellationToken cancellationToken) =>
        SendAsync<Cooperative>(HttpMethod.Post, "/api/cooperatives", cooperative, accessToken, cancellationToken);

    public Task<ApiResult<Account>> CreateAccountAsync(NewAccount account, CancellationToken cancellationToken) =>
        SendAsync<Account>(HttpMethod.Post, "/api/accounts", account, null, cancellationToken);

    public Task<ApiResult<object>> RequestPasswordResetAsync(string email, CancellationToken cancellationToken) =>
        SendAsync<object>(HttpMethod.Post, "/api/accounts/password-reset", new { email }, null, cancellationToken);

    public Task<ApiResult<object>> ConfirmPasswordResetAsync(string email, string token, string newPassword, CancellationToken cancellationToken) =>
        SendAsync<object>(HttpMethod.Post, "/api/accounts/password-reset/confirm", new { email, token, newPassword }, null, cancellationToken);

    public Task<ApiResult<object>> ConfirmEmailAsync(string token, CancellationToken cancellationToken) =>
        SendAsync<object>(HttpMethod.Post, "/api/accounts/email-confirmation/confirm", new { token }, null, cancellationToken);

    /// <summary>Mails the signed-in account a new confirmation link (one a minute at most: 429 with its code otherwise).</summary>
    public Task<ApiResult<object>> ResendEmailConfirmationAsync(string accessToken, CancellationToken cancellationToken) =>
        SendAsync<object>(HttpMethod.Post, "/api/accounts/email-confirmation", null, accessToken, cancellationToken);

    public Task<ApiResult<MembersPage>> ListMembershipsAsync(string accessToken, TenantId coop, int page, CancellationToken cancellationToken) =>
        SendAsync<MembersPage>(HttpMethod.Get, $"/api/coops/{coop}/memberships?page={page}", null, accessToken, cancellationToken);

    public Task<ApiResult<Membership>> AddMembershipAsync(string accessToken, TenantId coop, string email, string role, CancellationToken cancellationToken) =>
        SendAsync<Membership>(HttpMethod.Post, $"/api/coops/{coop}/memberships", new { email, role }, accessToken, cancellationToken);

    /// <summary>Replaces a member's roles (never leaving the cooperative without an admin: 409 membership.last_admin).</summary>
    public Task<ApiResult<Membership>> ChangeMemberRolesAsync(string accessToken, TenantId coop, string accountId, IReadOnlyList<string> roles, CancellationToken cancellationToken) =>
        SendAsync<Membership>(HttpMethod.Put, $"/api/coops/{coop}/memberships/{Uri.EscapeDataString(accountId)}", new { roles }, accessToken, cancellationToken);

    /// <summary>A member of the cooperative by e-mail (its shop owners and admins): 404 member.not_found for anyone else.</summary>
    public Task<ApiResult<MemberFound>> LookUpMemberAsync(string accessToken, TenantId coop, string email, CancellationToken cancellationToken) =>
        SendAsync<MemberFound>(HttpMethod.Post, $"/api/coops/{coop}/memberships/lookup", new { email }, accessToken, cancellationToken);

    /// <summary>The names of those accounts that are members of the cooperative (its shop owners and admins), in one call.</summary>
    public Task<ApiResult<IReadOnlyList<MemberFound>>> NameMembersAsync(string accessToken, TenantId coop, IReadOnlyList<Guid> accountIds, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<MemberFound>>(HttpMethod.Post, $"/api/coops/{coop}/memberships/names", new { accountIds }, accessToken, cancellationToken);

    /// <summary>Removes a member and her roles from the cooperative (never its last admin).</summary>
    public Task<ApiResult<object>> RemoveMemberAsync(string accessToken, TenantId coop, string accountId, CancellationToken cancellationToken) =>
        SendAsync<object>(HttpMethod.Delete, $"/api/coops/{coop}/memberships/{Uri.EscapeDataString(accountId)}", null, accessToken, cancellationToken);

    /// <summary>The password grant: no tokens when the credentials are refused (the same answer for an unknown email), with how long when the address is locked.</summary>
    public async Task<SignInAnswer> SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var (tokens, error) = await TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = email,
            ["password"] = password,
            ["scope"] = "offline_access",
        }, cancellationToken);
        var locked = error is { ValueKind: JsonValueKind.Object } refusal
            && refusal.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String && code.GetString() == SignInLockedCode
            && refusal.TryGetProperty("retry_after", out var retry) && retry.TryGetInt64(out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : (TimeSpan?)null;
        return new SignInAnswer(tokens, locked);
    }

    /// <summary>New tokens (with the roles as they are now); null when the refresh token no longer works.</summary>
    public async Task<Tokens?> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        (await TokenAsync(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }, cancellationToken)).Tokens;

    /// <summary>The Platform's code beside invalid_grant when an address is locked by wrong passwords.</summary>
    private const string SignInLockedCode = "account.sign_in_locked";

    public async Task RevokeAsync(string refreshToken, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = refreshToken });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/revoke") { Content = content };
        using var response = await ExchangeAsync(request, cancellationToken);
    }

    private async Task<(Tokens? Tokens, JsonElement? Error)> TokenAsync(Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(form);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token") { Content = content };
        using var response = await ExchangeAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            try
            {
                return (null, await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken));
            }
            catch (JsonException)
            {
                return (null, null); // a refusal all the same
            }
        }

        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Tokens>(Json, cancellationToken), null);
    }

    private async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, string? accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        using var response = await ExchangeAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            var value = response.Content.Headers.ContentLength is 0 || response.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.Accepted
                ? default
                : await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
            return new ApiResult<T>(response.StatusCode, value, NoErrors, null);
        }

        return (await ReadProblemAsync(response, cancellationToken)).As<T>(response.StatusCode);
    }

    /// <summary>
    /// Every call goes through here: an answer that means "not now" (429, 502, 503, 504), a gateway that cannot be
    /// reached, or one that does not answer within the client's timeout becomes an <see cref="ApiUnavailableException"/>,
    /// so every page gets the same "try again" page instead of each deciding what a 503 means. The caller disposes
    /// the request.
    /// </summary>
    private async Task<HttpResponseMessage> ExchangeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.OriginalString ?? "";
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            // SendAsync throws for no answer at all (refused, reset, DNS), never for a status.
            throw new ApiUnavailableException(Unavailability.Unreachable, ApiUnavailableException.DefaultRetryAfter, null, $"{path}: the gateway could not be reached.", exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The client's own timeout (HttpClient.Timeout), not the visitor leaving: that one stays a cancellation.
            throw new ApiUnavailableException(Unavailability.Unreachable, ApiUnavailableException.DefaultRetryAfter, null, $"{path}: the gateway did not answer in time.", exception);
        }

        if (ApiUnavailableException.For(response, path) is { } unavailable)
        {
            response.Dispose();
            throw unavailable;
        }

        return response;
    }

    /// <summary>The ProblemDetails' title, code, field errors and their codes (keys compared without case: the services write "Slug" or "email").</summary>
    private static async Task<ApiProblem> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        var codes = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string? title = null, code = null;
        if (response.Content.Headers.ContentType?.MediaType is not ("application/problem+json" or "application/json"))
        {
            return new ApiProblem(title, code, errors, codes);
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new ApiProblem(title, code, errors, codes);
            }

            title = root.TryGetProperty("title", out var titleElement) && titleElement.ValueKind == JsonValueKind.String ? titleElement.GetString() : null;
            code = root.TryGetProperty("code", out var codeElement) && codeElement.ValueKind == JsonValueKind.String ? codeElement.GetString() : null;
            ReadFields(root, "errors", errors);
            ReadFields(root, "codes", codes);
            foreach (var member in root.EnumerateObject().Where(m => m.Value.ValueKind == JsonValueKind.String))
            {
                values[member.Name] = member.Value.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Not a ProblemDetails body: the status alone tells the page what happened.
        }

        return new ApiProblem(title, code, errors, codes) { Values = values };
    }

    private static void ReadFields(JsonElement root, string name, Dictionary<string, string[]> into)
    {
        if (root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in element.EnumerateObject().Where(field => field.Value.ValueKind == JsonValueKind.Array))
            {
                into[field.Name] = [.. field.Value.EnumerateArray().Select(value => value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "")];
            }
        }
    }
}
