"""`pactum serve`: the web dashboard (FastAPI, server-rendered Jinja2 pages).

Nothing here is imported by the other commands: FastAPI, Starlette and uvicorn load only when
the dashboard starts.
"""
