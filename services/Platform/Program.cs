using Marketplace.Platform;
using Marketplace.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("platform");
builder.AddPlatform();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapPlatform();
app.Run();
