"""Pages of teams' meetings, attendance, cases, actions and minutes."""

app_name = "collaboration"

urlpatterns: list = []
