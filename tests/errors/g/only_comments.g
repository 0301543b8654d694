  
# just a comment
	
