using Marketplace.Ordering;
using Marketplace.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("ordering");
builder.AddOrdering();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapOrdering();
app.Run();
