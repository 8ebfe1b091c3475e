# Lines holding only blanks or a TAB are ignored outside recipes.
	
x = 1
  
all: ; @echo x=$(x)
