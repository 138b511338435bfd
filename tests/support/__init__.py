"""What the tests share: real servers started for them (PostgreSQL, Redis, Streamlit, a stand-in
FoodData Central), plan builders, ways to drive the app (AppTest, Chromium) and to read what it shows."""
